-- The audit log: what administrators and moderators did, one record per action, shared by
-- auth-app and chat-app. Append-only and hash-chained: each record stores the hash of the one
-- before it and its own, computed over its fields (see AuditChain), so a changed, removed or
-- inserted record breaks the chain at that point and GET /admin/audit/verify says where.
-- ids are dense (the writer takes the next one under a lock): a gap is a removed record.
CREATE TABLE audit_record (
    id        BIGINT      PRIMARY KEY,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_id  TEXT        NOT NULL,
    action    TEXT        NOT NULL,
    target    TEXT        NOT NULL,
    -- JSON text exactly as hashed (jsonb would reorder and re-space it)
    details   TEXT        NOT NULL,
    prev_hash CHAR(64)    NOT NULL,
    hash      CHAR(64)    NOT NULL
);

CREATE INDEX audit_record_at_idx ON audit_record (at);
CREATE INDEX audit_record_actor_idx ON audit_record (actor_id, id);
CREATE INDEX audit_record_action_idx ON audit_record (action, id);

-- No API changes a record, and neither does SQL by mistake: triggers bind every role, the
-- table's owner and superusers too (only an ALTER TABLE ... DISABLE TRIGGER, itself visible,
-- gets past them, and the chain still tells).
CREATE FUNCTION audit_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP;
END
$$;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM PUBLIC;
