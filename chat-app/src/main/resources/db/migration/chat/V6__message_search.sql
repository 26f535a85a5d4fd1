-- Message search: a projection of every message's current text, fed from the chat events by
-- its own consumer group (messages themselves live in MongoDB). Words are matched without
-- accents or case, by full text (Portuguese and English stemming) and by any substring of 3+
-- characters (trigrams), which also finds parts of URLs. Who may read what is decided at
-- query time from room_member, so a membership change counts at once.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
-- lets a GIN index hold the room id next to the words: a search looks only at its rooms' entries
CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

-- unaccent() is only STABLE (its dictionary could change); with the dictionary named it is
-- safe to treat as IMMUTABLE, which generated columns and indexes require.
CREATE FUNCTION search_normalize(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE message_search (
    room_id    VARCHAR(36) NOT NULL,
    seq        BIGINT      NOT NULL,
    sender_id  VARCHAR(64) NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the message's version when this row was written: an older event never overwrites a newer one
    version    BIGINT      NOT NULL,
    -- '' for a deleted message: the row stays as a tombstone so a replayed older event cannot bring it back
    body       TEXT        NOT NULL,
    body_norm  TEXT GENERATED ALWAYS AS (chat.search_normalize(body)) STORED,
    body_tsv   TSVECTOR GENERATED ALWAYS AS (
                   to_tsvector('portuguese'::regconfig, chat.search_normalize(body))
                   || to_tsvector('english'::regconfig, chat.search_normalize(body))) STORED,
    PRIMARY KEY (room_id, seq)
);

CREATE INDEX message_search_room_trgm_idx ON message_search USING gin (room_id, body_norm public.gin_trgm_ops);
CREATE INDEX message_search_room_tsv_idx ON message_search USING gin (room_id, body_tsv);

-- from:@username names its author by username, compared without case
CREATE INDEX chat_user_username_idx ON chat_user (lower(username));
