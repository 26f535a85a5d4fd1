-- Data requests of the GDPR tools: exports of a person's data and erasures of their account.
-- Shared by both applications, like the audit log: auth-app records a request and does its
-- part (the Keycloak account and the profile), chat-app claims the same row and does its part
-- (rooms, messages, files); each part is marked done on its own, so a request survives any
-- server stopping midway and converges once both parts are done.
CREATE TABLE data_request (
    id              UUID        PRIMARY KEY,
    kind            TEXT        NOT NULL CHECK (kind IN ('export', 'erasure')),
    user_id         VARCHAR(64) NOT NULL,
    requested_by    VARCHAR(64) NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    -- exports: the profile as auth-app had it, written into the archive by chat-app
    profile         TEXT,
    -- the part of auth-app (erasure: Keycloak account and profile gone; exports: nothing to do)
    account_done_at TIMESTAMP WITH TIME ZONE,
    -- the part of chat-app (export: the archive is stored; erasure: rooms, messages and files done)
    chat_done_at    TIMESTAMP WITH TIME ZONE,
    completed_at    TIMESTAMP WITH TIME ZONE,
    failed_at       TIMESTAMP WITH TIME ZONE,
    -- a part is taken by one server at a time: until then nobody else tries it
    account_lease   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    chat_lease      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    attempts        INT         NOT NULL DEFAULT 0,
    last_error      TEXT,
    archive_key     TEXT,
    archive_size    BIGINT,
    expires_at      TIMESTAMP WITH TIME ZONE,
    expired_at      TIMESTAMP WITH TIME ZONE
);

-- one's requests, newest first, and the rate limit of exports
CREATE INDEX data_request_user_idx ON data_request (user_id, requested_at DESC);
-- one erasure per account: asking again finds the one under way
CREATE UNIQUE INDEX data_request_one_erasure_uq ON data_request (user_id) WHERE kind = 'erasure';
-- the work left, small whatever the history: parts not done yet, archives not yet expired
CREATE INDEX data_request_chat_todo_idx ON data_request (chat_lease) WHERE chat_done_at IS NULL AND failed_at IS NULL;
CREATE INDEX data_request_account_todo_idx ON data_request (account_lease)
    WHERE kind = 'erasure' AND account_done_at IS NULL;
CREATE INDEX data_request_expiry_idx ON data_request (expires_at) WHERE archive_key IS NOT NULL AND expired_at IS NULL;
