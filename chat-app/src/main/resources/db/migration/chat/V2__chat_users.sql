-- The people chat-app knows: a local copy of what it needs from the identity service
-- (taken from access tokens and user.registered events), so member lists and invitations
-- need no call to another service.
CREATE TABLE chat_user (
    id           VARCHAR(64)  PRIMARY KEY,
    username     VARCHAR(64)  NOT NULL,
    display_name VARCHAR(100),
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE INDEX room_member_room_role_idx ON room_member (room_id, role, joined_at);
