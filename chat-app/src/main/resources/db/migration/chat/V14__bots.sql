-- Bot accounts: chat users that programs drive with a token an administrator created. The
-- token is shown once; only its Argon2id hash is kept. A revoked bot keeps its row (its
-- messages keep their author) and never authenticates again.
CREATE TABLE bot (
    id          VARCHAR(64)  PRIMARY KEY REFERENCES chat_user (id),
    token_hash  VARCHAR(200) NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMP WITH TIME ZONE
);

-- usernames are compared without case when a bot is named (people and bots share @mentions)
CREATE INDEX chat_user_username_lower_idx ON chat_user (lower(username));
