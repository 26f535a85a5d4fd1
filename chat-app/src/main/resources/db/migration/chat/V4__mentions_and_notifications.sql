-- Who was named in which message, for each member's count of unread mentions. A member's
-- rows at or below their read mark are removed when they mark the room read, so the table
-- holds what is still unread.
CREATE TABLE mention (
    room_id  VARCHAR(36) NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    user_id  VARCHAR(64) NOT NULL,
    seq      BIGINT      NOT NULL,
    PRIMARY KEY (user_id, room_id, seq)
);

-- an edited or deleted message replaces its mentions
CREATE INDEX mention_message_idx ON mention (room_id, seq);

-- what a member is notified of in the room, on all their devices
ALTER TABLE room_member ADD COLUMN notify VARCHAR(8) NOT NULL DEFAULT 'all'
    CHECK (notify IN ('all', 'mentions', 'none'));
