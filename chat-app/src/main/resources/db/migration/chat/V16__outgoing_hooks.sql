-- Outgoing webhooks: a room's messages (all, those with mentions, or those with a keyword)
-- POSTed, signed, to a receiver. Each message a hook takes is a delivery, kept here until the
-- receiver took it: retried with backoff for about an hour, then failed and shown to the
-- room's managers, who may try it again. One delivery per hook and message (seq), however
-- often Kafka hands the message over.
CREATE TABLE outgoing_hook (
    id          VARCHAR(64)   PRIMARY KEY,
    room_id     VARCHAR(36)   NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    url         VARCHAR(2000) NOT NULL,
    secret      VARCHAR(100)  NOT NULL,
    trigger     VARCHAR(16)   NOT NULL,
    keyword     VARCHAR(100),
    created_by  VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE INDEX outgoing_hook_room_idx ON outgoing_hook (room_id, created_at);

CREATE TABLE hook_delivery (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hook_id          VARCHAR(64) NOT NULL REFERENCES outgoing_hook (id) ON DELETE CASCADE,
    seq              BIGINT      NOT NULL,
    payload          TEXT        NOT NULL,
    state            VARCHAR(16) NOT NULL,
    attempts         INTEGER     NOT NULL DEFAULT 0,
    first_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_status      INTEGER,
    last_error       VARCHAR(500),
    delivered_at     TIMESTAMP WITH TIME ZONE,
    UNIQUE (hook_id, seq)
);

-- what is due (the workers' only query), a hook's deliveries newest first, and the old delivered ones to clear
CREATE INDEX hook_delivery_due_idx ON hook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX hook_delivery_hook_idx ON hook_delivery (hook_id, state, id);
CREATE INDEX hook_delivery_done_idx ON hook_delivery (delivered_at) WHERE state = 'delivered';
