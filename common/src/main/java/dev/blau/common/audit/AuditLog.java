package dev.blau.common.audit;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.transaction.Transactional;

/**
 * The audit log in PostgreSQL ({@code audit.audit_record}), written by both applications in
 * the transaction of the action it records: an action that rolls back leaves no record, and a
 * record is never missing for an action that committed.
 * <p>
 * Records are chained, so appending is serialized: a transaction-scoped advisory lock, then
 * the last record's id and hash (one row, by the primary key), then the insert. Actions of
 * administrators and moderators are a few a minute at most, so the lock is never a queue.
 */
@ApplicationScoped
public class AuditLog {

    /** Key of the advisory lock that serializes appends (any fixed number; this one spells "audit"). */
    private static final long APPEND_LOCK = 0x6175646974L;
    private static final int BATCH = 1_000;

    @Resource(lookup = "jdbc/blau")
    DataSource dataSource;

    /** Who asked, what, to what; details are short strings (a reason, a room name, an old and a new value). */
    @Transactional(Transactional.TxType.REQUIRED)
    public AuditRecord record(String actorId, String action, String target, Map<String, ?> details) {
        String detailsJson = json(details);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps, so the hash verifies
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
            long id = 1;
            String prevHash = AuditChain.GENESIS;
            try (PreparedStatement last = connection.prepareStatement(
                    "SELECT id, hash FROM audit.audit_record ORDER BY id DESC LIMIT 1");
                 ResultSet rs = last.executeQuery()) {
                if (rs.next()) {
                    id = rs.getLong(1) + 1;
                    prevHash = rs.getString(2);
                }
            }
            AuditRecord record = new AuditRecord(id, at, actorId, action, target, detailsJson, prevHash,
                    AuditChain.hash(prevHash, id, at, actorId, action, target, detailsJson));
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit.audit_record"
                    + " (id, at, actor_id, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, record.id());
                insert.setObject(2, OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
                insert.setString(3, actorId);
                insert.setString(4, action);
                insert.setString(5, target);
                insert.setString(6, detailsJson);
                insert.setString(7, prevHash);
                insert.setString(8, record.hash());
                insert.executeUpdate();
            }
            return record;
        } catch (SQLException e) {
            throw new IllegalStateException("audit record not written: " + e.getMessage(), e);
        }
    }

    /** What to list: any of actor, action and a time range [from, to). */
    public record Filter(String actorId, String action, Instant from, Instant to) {
    }

    /** One page, newest first; {@code nextCursor} continues after its last record. */
    public record Page(List<AuditRecord> records, Long nextCursor) {
    }

    /** Records matching the filter with an id below {@code cursor} (null: from the newest), newest first. */
    public Page page(Filter filter, Long cursor, int limit) {
        List<AuditRecord> records = new ArrayList<>();
        query(filter, cursor, false, limit + 1, records::add);
        if (records.size() > limit) {
            records.remove(limit);
            return new Page(records, records.get(limit - 1).id());
        }
        return new Page(records, null);
    }

    /** Every record matching the filter, oldest first, read a batch at a time (for exports of any size). */
    public void each(Filter filter, Consumer<AuditRecord> consumer) {
        long after = 0;
        while (true) {
            List<AuditRecord> batch = new ArrayList<>();
            query(filter, after, true, BATCH, batch::add);
            batch.forEach(consumer);
            if (batch.size() < BATCH) {
                return;
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    /** The outcome of walking the chain: valid, or where it first breaks and how. */
    public record Verification(boolean valid, long records, Long firstBroken, String reason) {
    }

    /**
     * Walks the whole chain, oldest first: ids dense from 1, each record's {@code prevHash} the
     * hash of the one before, each hash the one its fields give.
     */
    public Verification verify() {
        long count = 0;
        String previousHash = AuditChain.GENESIS;
        while (true) {
            List<AuditRecord> batch = new ArrayList<>();
            query(new Filter(null, null, null, null), count, true, BATCH, batch::add);
            for (AuditRecord record : batch) {
                String reason = record.id() != count + 1 ? "record " + (count + 1) + " is missing"
                        : !record.prevHash().equals(previousHash) ? "does not follow the record before it"
                        : !record.intact() ? "its fields do not match its hash" : null;
                if (reason != null) {
                    return new Verification(false, count, record.id(), reason);
                }
                count++;
                previousHash = record.hash();
            }
            if (batch.size() < BATCH) {
                return new Verification(true, count, null, null);
            }
        }
    }

    // ascending: ids above cursor; descending: ids below cursor (null: no bound)
    private void query(Filter filter, Long cursor, boolean ascending, int limit, Consumer<AuditRecord> consumer) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor_id, action, target, details, prev_hash, hash"
                + " FROM audit.audit_record WHERE true");
        List<Object> parameters = new ArrayList<>();
        if (cursor != null) {
            sql.append(ascending ? " AND id > ?" : " AND id < ?");
            parameters.add(cursor);
        }
        if (filter.actorId() != null) {
            sql.append(" AND actor_id = ?");
            parameters.add(filter.actorId());
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            parameters.add(filter.action());
        }
        if (filter.from() != null) {
            sql.append(" AND at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        sql.append(ascending ? " ORDER BY id ASC" : " ORDER BY id DESC").append(" LIMIT ").append(limit);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("audit log not readable: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, ?> details) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.createGenerator(out)) {
            generator.writeStartObject();
            if (details != null) {
                details.forEach((key, value) -> {
                    if (value != null) {
                        generator.write(key, value.toString());
                    }
                });
            }
            generator.writeEnd();
        }
        return out.toString();
    }
}
