-- Incoming webhooks: another program (CI, alerting) posts into one room with a URL and a
-- shared secret that signs each request. The secret is kept as given: verifying an HMAC needs
-- it. Each hook posts as its own directory user, so its messages keep an author when the
-- hook is deleted; deleting the room deletes its hooks.
CREATE TABLE incoming_hook (
    id          VARCHAR(64)  PRIMARY KEY,
    room_id     VARCHAR(36)  NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    user_id     VARCHAR(64)  NOT NULL REFERENCES chat_user (id),
    name        VARCHAR(64)  NOT NULL,
    secret      VARCHAR(100) NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE INDEX incoming_hook_room_idx ON incoming_hook (room_id, created_at);
