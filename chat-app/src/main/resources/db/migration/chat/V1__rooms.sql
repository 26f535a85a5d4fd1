-- Rooms and who belongs to them. Messages live in MongoDB; this schema holds what needs
-- relations and transactions.
CREATE TABLE room (
    id           VARCHAR(36)  PRIMARY KEY,
    name         VARCHAR(80)  NOT NULL,
    description  VARCHAR(500),
    visibility   VARCHAR(8)   NOT NULL CHECK (visibility IN ('public', 'private', 'direct')),
    owner_id     VARCHAR(64)  NOT NULL,
    -- for direct rooms: the two user ids, sorted and joined, so a pair has one room
    direct_key   VARCHAR(130) UNIQUE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE TABLE room_member (
    room_id      VARCHAR(36) NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    user_id      VARCHAR(64) NOT NULL,
    role         VARCHAR(10) NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
    joined_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    -- the highest seq this member has read, for unread counts
    last_read_seq BIGINT     NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);

CREATE INDEX room_member_user_idx ON room_member (user_id);
CREATE INDEX room_visibility_idx ON room (visibility);
