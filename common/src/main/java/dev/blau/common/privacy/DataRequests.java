package dev.blau.common.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The ledger of data requests ({@code privacy.data_request}) both applications work from.
 * A part of a request is claimed with a lease: the server that claims it has it for the
 * lease's length, and a server that stops midway leaves it to be claimed again once the lease
 * runs out. Every part is idempotent, so doing one twice is harmless; the lease only keeps
 * two servers from doing it at the same time.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class DataRequests {

    private static final String COLUMNS = "id, kind, user_id, requested_by, requested_at, profile, account_done_at,"
            + " chat_done_at, completed_at, failed_at, attempts, last_error, archive_key, archive_size, expires_at,"
            + " expired_at";

    @Resource(lookup = "jdbc/blau")
    DataSource dataSource;

    /** Serializes requests about one user until the end of the transaction (a rate limit that holds under races). */
    public void lockUser(String userId) {
        query("SELECT pg_advisory_xact_lock(hashtext('privacy:' || ?))", rs -> { }, userId);
    }

    public DataRequest createExport(String userId, String requestedBy, String profileJson) {
        return one("INSERT INTO privacy.data_request (id, kind, user_id, requested_by, profile)"
                + " VALUES (?, 'export', ?, ?, ?) RETURNING " + COLUMNS,
                UUID.randomUUID(), userId, requestedBy, profileJson).orElseThrow();
    }

    /** The erasure of the account: the one already asked for if there is one (asking twice is asking once). */
    public DataRequest createErasure(String userId, String requestedBy) {
        update("INSERT INTO privacy.data_request (id, kind, user_id, requested_by) VALUES (?, 'erasure', ?, ?)"
                + " ON CONFLICT (user_id) WHERE kind = 'erasure' DO NOTHING", UUID.randomUUID(), userId, requestedBy);
        return erasureOf(userId).orElseThrow();
    }

    public Optional<DataRequest> erasureOf(String userId) {
        return one("SELECT " + COLUMNS + " FROM privacy.data_request WHERE user_id = ? AND kind = 'erasure'", userId);
    }

    public Optional<DataRequest> find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not an id we could have given out
        }
        return one("SELECT " + COLUMNS + " FROM privacy.data_request WHERE id = ?", uuid);
    }

    /** The user's requests, newest first. */
    public List<DataRequest> ofUser(String userId, int limit) {
        return list("SELECT " + COLUMNS + " FROM privacy.data_request WHERE user_id = ?"
                + " ORDER BY requested_at DESC LIMIT " + limit, userId);
    }

    /** The user's exports, newest first. */
    public List<DataRequest> exportsOf(String userId, int limit) {
        return list("SELECT " + COLUMNS + " FROM privacy.data_request WHERE user_id = ? AND kind = 'export'"
                + " ORDER BY requested_at DESC LIMIT " + limit, userId);
    }

    /** An export of this user's data asked by {@code requestedBy} and not ready yet. */
    public Optional<DataRequest> pendingExport(String userId, String requestedBy) {
        return one("SELECT " + COLUMNS + " FROM privacy.data_request WHERE user_id = ? AND requested_by = ?"
                + " AND kind = 'export' AND chat_done_at IS NULL AND failed_at IS NULL"
                + " ORDER BY requested_at DESC LIMIT 1", userId, requestedBy);
    }

    /** Exports of this user's data asked since {@code since}, oldest first (for the rate limit). */
    public List<Instant> exportTimesSince(String userId, Instant since) {
        List<Instant> times = new ArrayList<>();
        query("SELECT requested_at FROM privacy.data_request WHERE user_id = ? AND kind = 'export'"
                + " AND requested_at > ? ORDER BY requested_at", rs -> times.add(instant(rs, 1)), userId,
                Timestamp.from(since));
        return times;
    }

    /** Takes the oldest request whose chat part is not done and not held by another server. */
    public Optional<DataRequest> claimChatPart(Duration lease) {
        return one("UPDATE privacy.data_request SET chat_lease = now() + ?::interval, attempts = attempts + 1"
                + " WHERE id = (SELECT id FROM privacy.data_request WHERE chat_done_at IS NULL AND failed_at IS NULL"
                + " AND chat_lease <= now() ORDER BY chat_lease LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS,
                lease.toSeconds() + " seconds");
    }

    /** Takes the oldest erasure whose account part is not done and not held by another server. */
    public Optional<DataRequest> claimAccountPart(Duration lease) {
        return one("UPDATE privacy.data_request SET account_lease = now() + ?::interval"
                + " WHERE id = (SELECT id FROM privacy.data_request WHERE kind = 'erasure' AND account_done_at IS NULL"
                + " AND account_lease <= now() ORDER BY account_lease LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING "
                + COLUMNS, lease.toSeconds() + " seconds");
    }

    /** Takes this erasure's account part now (the request that asked for it does it at once), if nobody has it. */
    public boolean claimAccountPart(String id, Duration lease) {
        return update("UPDATE privacy.data_request SET account_lease = now() + ?::interval WHERE id = ?"
                + " AND account_done_at IS NULL AND account_lease <= now()", lease.toSeconds() + " seconds",
                UUID.fromString(id)) == 1;
    }

    /** The chat part failed this time: tried again after {@code delay}. */
    public void chatPartLater(String id, Duration delay, String error) {
        update("UPDATE privacy.data_request SET chat_lease = now() + ?::interval, last_error = ? WHERE id = ?",
                delay.toSeconds() + " seconds", truncate(error), UUID.fromString(id));
    }

    public void accountPartLater(String id, Duration delay, String error) {
        update("UPDATE privacy.data_request SET account_lease = now() + ?::interval, last_error = ? WHERE id = ?",
                delay.toSeconds() + " seconds", truncate(error), UUID.fromString(id));
    }

    /** An export given up on (its data could not be read after many tries). */
    public void failed(String id, String error) {
        update("UPDATE privacy.data_request SET failed_at = now(), last_error = ? WHERE id = ?", truncate(error),
                UUID.fromString(id));
    }

    /** The archive of an export is stored: the export is ready (and complete) until it expires. */
    public void archived(String id, String key, long size, Instant expiresAt) {
        update("UPDATE privacy.data_request SET chat_done_at = now(), completed_at = now(), archive_key = ?,"
                + " archive_size = ?, expires_at = ?, last_error = NULL WHERE id = ?", key, size,
                Timestamp.from(expiresAt), UUID.fromString(id));
    }

    /** The chat part of an erasure is done; true when that completed the request. */
    public boolean chatPartDone(String id) {
        update("UPDATE privacy.data_request SET chat_done_at = coalesce(chat_done_at, now()), last_error = NULL"
                + " WHERE id = ?", UUID.fromString(id));
        return completeIfDone(id);
    }

    /** The account part of an erasure is done; true when that completed the request. */
    public boolean accountPartDone(String id) {
        update("UPDATE privacy.data_request SET account_done_at = coalesce(account_done_at, now()), last_error = NULL"
                + " WHERE id = ?", UUID.fromString(id));
        return completeIfDone(id);
    }

    // the row lock makes the two parts finishing at once complete the request exactly once
    private boolean completeIfDone(String id) {
        return update("UPDATE privacy.data_request SET completed_at = now(), profile = NULL WHERE id = ?"
                + " AND completed_at IS NULL AND account_done_at IS NOT NULL AND chat_done_at IS NOT NULL",
                UUID.fromString(id)) == 1;
    }

    /** Archives past their expiry, oldest first. */
    public List<DataRequest> expiredArchives(int limit) {
        return list("SELECT " + COLUMNS + " FROM privacy.data_request WHERE archive_key IS NOT NULL"
                + " AND expired_at IS NULL AND expires_at <= now() ORDER BY expires_at LIMIT " + limit);
    }

    /** Archives of one user's exports still kept (an erasure removes them). */
    public List<DataRequest> keptArchivesOf(String userId) {
        return list("SELECT " + COLUMNS + " FROM privacy.data_request WHERE user_id = ? AND kind = 'export'"
                + " AND archive_key IS NOT NULL AND expired_at IS NULL", userId);
    }

    /** The archive is gone: the export stays listed as expired, with nothing of the person in it. */
    public void archiveRemoved(String id) {
        update("UPDATE privacy.data_request SET expired_at = now(), profile = NULL WHERE id = ?", UUID.fromString(id));
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    private Optional<DataRequest> one(String sql, Object... parameters) {
        List<DataRequest> found = list(sql, parameters);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<DataRequest> list(String sql, Object... parameters) {
        List<DataRequest> found = new ArrayList<>();
        query(sql, rs -> found.add(request(rs)), parameters);
        return found;
    }

    private void query(String sql, Row row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("data requests not readable: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("data request not written: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static DataRequest request(ResultSet rs) throws SQLException {
        return new DataRequest(rs.getString("id"), DataRequest.Kind.of(rs.getString("kind")), rs.getString("user_id"),
                rs.getString("requested_by"), instant(rs, "requested_at"), rs.getString("profile"),
                instant(rs, "account_done_at"), instant(rs, "chat_done_at"), instant(rs, "completed_at"),
                instant(rs, "failed_at"), rs.getInt("attempts"), rs.getString("last_error"), rs.getString("archive_key"),
                rs.getObject("archive_size", Long.class), instant(rs, "expires_at"), instant(rs, "expired_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
