-- Usage per day (UTC) for the administrators' report: counted as things happen, so a report
-- over any range reads one row per day and the day's active users and rooms, never the messages.
-- messages: counted by the search projection when it first stores a message (in its own
-- transaction, so a replayed event counts nothing twice); rooms_created: in the transaction
-- that creates the room.
CREATE TABLE usage_day (
    day           DATE   PRIMARY KEY,
    messages      BIGINT NOT NULL DEFAULT 0,
    rooms_created BIGINT NOT NULL DEFAULT 0
);

-- who sent something that day, and where
CREATE TABLE usage_active_user (
    day     DATE        NOT NULL,
    user_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (day, user_id)
);

CREATE TABLE usage_active_room (
    day     DATE        NOT NULL,
    room_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (day, room_id)
);

-- new users: when chat-app first knew them (existing rows: their last change, the best left to go by)
ALTER TABLE chat_user ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
UPDATE chat_user SET created_at = updated_at;
ALTER TABLE chat_user ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN created_at SET DEFAULT now();
CREATE INDEX chat_user_created_idx ON chat_user (created_at);

-- what happened before this migration, from what the projection and the rooms hold
INSERT INTO usage_day (day, messages)
    SELECT (sent_at AT TIME ZONE 'UTC')::date, count(*) FROM message_search GROUP BY 1;
INSERT INTO usage_active_user (day, user_id)
    SELECT DISTINCT (sent_at AT TIME ZONE 'UTC')::date, sender_id FROM message_search;
INSERT INTO usage_active_room (day, room_id)
    SELECT DISTINCT (sent_at AT TIME ZONE 'UTC')::date, room_id FROM message_search;
INSERT INTO usage_day (day, rooms_created)
    SELECT (created_at AT TIME ZONE 'UTC')::date, count(*) FROM room GROUP BY 1
    ON CONFLICT (day) DO UPDATE SET rooms_created = excluded.rooms_created;

-- Administrators list public and private rooms (never direct ones) in name order, by any part of the name
CREATE INDEX room_shared_name_idx ON room (lower(name), id) WHERE visibility <> 'direct';
CREATE INDEX room_shared_name_trgm_idx ON room USING gin (lower(name) public.gin_trgm_ops) WHERE visibility <> 'direct';
