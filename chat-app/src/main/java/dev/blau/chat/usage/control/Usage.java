package dev.blau.chat.usage.control;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Usage per day, kept as it happens (in the transaction of what is counted) and reported per
 * day, week or month: messages sent, users who sent something, new users, rooms created, rooms
 * with messages. Days are UTC days.
 */
@ApplicationScoped
public class Usage {

    /** Buckets a report may cover: a little over two years of days. */
    public static final int MAX_BUCKETS = 800;

    public enum Bucket { DAY, WEEK, MONTH }

    public record Row(LocalDate start, long messages, long activeUsers, long newUsers, long roomsCreated,
                      long activeRooms) {
    }

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    /** Adds a batch's messages; joins the caller's transaction (the search projection's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UsageTally tally) {
        // sorted, so two batches touching the same days lock them in the same order
        tally.messages.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(day -> em.createNativeQuery("""
                        INSERT INTO chat.usage_day (day, messages) VALUES (?1, ?2)
                        ON CONFLICT (day) DO UPDATE SET messages = usage_day.messages + excluded.messages""")
                .setParameter(1, Date.valueOf(day.getKey())).setParameter(2, day.getValue()).executeUpdate());
        // one statement each for the batch's active users and rooms, not one per user and room
        insertActive("INSERT INTO chat.usage_active_user (day, user_id)", tally.activeUsers);
        insertActive("INSERT INTO chat.usage_active_room (day, room_id)", tally.activeRooms);
    }

    private void insertActive(String insertInto, Set<UsageTally.DayAndId> active) {
        // sorted, as the days above: concurrent batches wait for each other's new keys in one order
        List<UsageTally.DayAndId> rows = active.stream()
                .sorted(Comparator.comparing(UsageTally.DayAndId::day).thenComparing(UsageTally.DayAndId::id)).toList();
        String[] days = rows.stream().map(row -> row.day().toString()).toArray(String[]::new);
        String[] ids = rows.stream().map(UsageTally.DayAndId::id).toArray(String[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    insertInto + " SELECT * FROM unnest(?::date[], ?::varchar[]) ON CONFLICT DO NOTHING")) {
                insert.setArray(1, connection.createArrayOf("date", days));
                insert.setArray(2, connection.createArrayOf("varchar", ids));
                insert.executeUpdate();
            }
        });
    }

    /** A room was created; joins the creating transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void roomCreated() {
        em.createNativeQuery("""
                        INSERT INTO chat.usage_day (day, rooms_created) VALUES (?1, 1)
                        ON CONFLICT (day) DO UPDATE SET rooms_created = usage_day.rooms_created + 1""")
                .setParameter(1, Date.valueOf(LocalDate.now(ZoneOffset.UTC))).executeUpdate();
    }

    /** One row per bucket from the one holding {@code from} up to the one before {@code to}, empty ones too. */
    @Transactional
    public List<Row> report(LocalDate from, LocalDate to, Bucket bucket) {
        LocalDate first = start(from, bucket);
        String unit = bucket.name().toLowerCase(java.util.Locale.ROOT);
        Map<LocalDate, long[]> byStart = new HashMap<>();
        for (LocalDate start = first; start.isBefore(to); start = next(start, bucket)) {
            byStart.put(start, new long[5]);
        }
        Date fromDay = Date.valueOf(first);
        Date toDay = Date.valueOf(to);
        collect(byStart, 0, "SELECT date_trunc('" + unit + "', day)::date, sum(messages) FROM chat.usage_day"
                + " WHERE day >= ?1 AND day < ?2 GROUP BY 1", fromDay, toDay);
        collect(byStart, 1, "SELECT date_trunc('" + unit + "', day)::date, count(DISTINCT user_id)"
                + " FROM chat.usage_active_user WHERE day >= ?1 AND day < ?2 GROUP BY 1", fromDay, toDay);
        collect(byStart, 2, "SELECT date_trunc('" + unit + "', created_at AT TIME ZONE 'UTC')::date, count(*)"
                + " FROM chat.chat_user WHERE created_at >= ?1 AND created_at < ?2 GROUP BY 1",
                Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant()));
        collect(byStart, 3, "SELECT date_trunc('" + unit + "', day)::date, sum(rooms_created) FROM chat.usage_day"
                + " WHERE day >= ?1 AND day < ?2 GROUP BY 1", fromDay, toDay);
        collect(byStart, 4, "SELECT date_trunc('" + unit + "', day)::date, count(DISTINCT room_id)"
                + " FROM chat.usage_active_room WHERE day >= ?1 AND day < ?2 GROUP BY 1", fromDay, toDay);
        List<Row> rows = new ArrayList<>();
        for (LocalDate start = first; start.isBefore(to); start = next(start, bucket)) {
            long[] v = byStart.get(start);
            rows.add(new Row(start, v[0], v[1], v[2], v[3], v[4]));
        }
        return rows;
    }

    /** How many buckets a report from {@code from} to {@code to} has. */
    public static long buckets(LocalDate from, LocalDate to, Bucket bucket) {
        LocalDate first = start(from, bucket);
        return switch (bucket) {
            case DAY -> ChronoUnit.DAYS.between(first, to);
            case WEEK -> (ChronoUnit.DAYS.between(first, to) + 6) / 7;
            case MONTH -> ChronoUnit.MONTHS.between(first, to.minusDays(1).withDayOfMonth(1)) + 1;
        };
    }

    // unit comes from the Bucket enum, never from the request's text
    private void collect(Map<LocalDate, long[]> byStart, int column, String sql, Object from, Object to) {
        List<?> rows = em.createNativeQuery(sql).setParameter(1, from).setParameter(2, to).getResultList();
        for (Object row : rows) {
            Object[] cells = (Object[]) row;
            LocalDate start = cells[0] instanceof Date d ? d.toLocalDate() : LocalDate.parse(cells[0].toString());
            long[] values = byStart.get(start);
            if (values != null) {
                values[column] = ((Number) cells[1]).longValue();
            }
        }
    }

    static LocalDate start(LocalDate day, Bucket bucket) {
        return switch (bucket) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); // as PostgreSQL's date_trunc
            case MONTH -> day.with(TemporalAdjusters.firstDayOfMonth());
        };
    }

    private static LocalDate next(LocalDate start, Bucket bucket) {
        return switch (bucket) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
