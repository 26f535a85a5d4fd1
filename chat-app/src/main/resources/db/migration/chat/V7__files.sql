-- Files uploaded to rooms. The bytes are in the blob store (GridFS or S3) under the file's id
-- (and "<id>.thumbnail"); this table says whose they are and which message carries them.
CREATE TABLE chat_file (
    id            VARCHAR(36)  PRIMARY KEY,
    -- a deleted room takes its files' rows with it; the trigger below queues their bytes
    room_id       VARCHAR(36)  NOT NULL REFERENCES room (id) ON DELETE CASCADE,
    uploader_id   VARCHAR(64)  NOT NULL,
    name          VARCHAR(255) NOT NULL,
    content_type  VARCHAR(127) NOT NULL,
    size          BIGINT       NOT NULL CHECK (size >= 0),
    width         INTEGER,
    height        INTEGER,
    thumbnail     BOOLEAN      NOT NULL DEFAULT false,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    -- the send that claimed the file (the sender's clientMsgId), then the seq it was stored as
    client_msg_id VARCHAR(64),
    message_seq   BIGINT
);

-- claims, and the files of a deleted message (found by its sender and clientMsgId)
CREATE INDEX chat_file_send_idx ON chat_file (room_id, uploader_id, client_msg_id);
-- uploads not (yet) in a message, oldest first: what expires
CREATE INDEX chat_file_unsent_idx ON chat_file (created_at) WHERE message_seq IS NULL;

-- Bytes to remove from the blob store. Every way a file row goes (its message deleted, its
-- room deleted, an expired upload) lands here in the same transaction, so no file's bytes are
-- forgotten; a background job removes them and then the entry.
CREATE TABLE chat_file_trash (
    file_id    VARCHAR(36) PRIMARY KEY,
    thumbnail  BOOLEAN     NOT NULL,
    deleted_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

CREATE FUNCTION chat_file_to_trash() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- the trash is beside the table, whatever schema the deleting session has on its path
    EXECUTE format('INSERT INTO %I.chat_file_trash (file_id, thumbnail) VALUES ($1, $2) ON CONFLICT DO NOTHING',
                   TG_TABLE_SCHEMA) USING OLD.id, OLD.thumbnail;
    RETURN OLD;
END
$$;

CREATE TRIGGER chat_file_deleted AFTER DELETE ON chat_file
    FOR EACH ROW EXECUTE FUNCTION chat_file_to_trash();
