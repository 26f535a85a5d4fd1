-- Bans and mutes in rooms. A ban removes the member and refuses their rejoining and being
-- invited until it ends (until NULL: for good); a mute refuses their sends until it ends.
-- A mute is also copied onto the membership (room_member.muted_until), which every send already
-- reads, so checking it costs nothing; this table keeps it when the member leaves and rejoins.
CREATE TABLE room_sanction (
    room_id    VARCHAR(36)  NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    user_id    VARCHAR(64)  NOT NULL,
    kind       VARCHAR(4)   NOT NULL CHECK (kind IN ('ban', 'mute')),
    reason     VARCHAR(500),
    until      TIMESTAMP WITH TIME ZONE,
    actor_id   VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (room_id, user_id, kind),
    CHECK (kind = 'ban' OR until IS NOT NULL)
);

ALTER TABLE room_member ADD COLUMN muted_until TIMESTAMP WITH TIME ZONE;
