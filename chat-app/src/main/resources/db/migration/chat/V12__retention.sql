-- Retention: how long messages are kept, for every room (an administrator's setting) and per
-- room (its owner's); where both are set the shorter applies. Older messages become tombstones
-- (text, reactions, mentions and files removed; the seq stays, so order stays gap-free and every
-- client resumes as before), a bounded batch at a time; each room remembers how far that has gone.
CREATE TABLE retention_setting (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    days INTEGER CHECK (days BETWEEN 1 AND 3650)
);
INSERT INTO retention_setting (id, days) VALUES (1, NULL);

ALTER TABLE room ADD COLUMN retention_days INTEGER CHECK (retention_days BETWEEN 1 AND 3650);
ALTER TABLE room ADD COLUMN retained_through_seq BIGINT NOT NULL DEFAULT 0;
