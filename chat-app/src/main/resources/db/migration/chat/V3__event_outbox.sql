-- Room events (room.created, room.deleted, user.joined.room, ...) are written here in the
-- same transaction as the change they describe, and deleted once Kafka has them: a crash or
-- a Kafka outage between commit and publish delays them, never loses them.
CREATE TABLE event_outbox (
    event_id   VARCHAR(36)  PRIMARY KEY,
    payload    TEXT         NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE INDEX event_outbox_created_idx ON event_outbox (created_at);
