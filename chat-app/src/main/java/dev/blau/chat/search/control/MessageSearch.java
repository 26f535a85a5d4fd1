package dev.blau.chat.search.control;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.Bulkhead;

import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.RoomAccess;
import dev.blau.chat.messages.entity.Message;
import dev.blau.chat.search.control.SearchQuery.InvalidQueryException;
import dev.blau.chat.search.control.SearchSql.Scope;
import dev.blau.chat.search.control.SearchSql.Sql;
import dev.blau.chat.search.entity.SearchPage;
import dev.blau.chat.search.entity.SearchResult;

/**
 * Runs a search over the rooms the caller may read now: their rooms, or the one room (or rooms
 * named with {@code in:#}) asked for, public ones included. The projection finds the room and
 * seq of each match, looking through the newest messages first and asking the word indexes only
 * when those hold too few matches (see {@link SearchSql}); membership is checked in the same
 * queries. The messages themselves come from the message store by id, so a result shows the
 * message as it is (reactions, edits), and one deleted since it was indexed is left out.
 */
@ApplicationScoped
public class MessageSearch {

    public static final int MAX_LIMIT = 50;
    static final int MAX_CONCURRENT = 4;
    /** Up to this many rooms, a search looks up each room's entries; beyond, it matches all and filters. */
    static final int MAX_LISTED_ROOMS = 64;
    static final int STATEMENT_TIMEOUT_MILLIS = 3_000;
    /** PostgreSQL's usual figure for data in memory or on SSD (its default, 4, is a spinning disk's). */
    static final String RANDOM_PAGE_COST = "1.1";

    /** The search matched more than could be sorted in time: it needs another word or a filter. */
    public static final class SearchTooBroadException extends RuntimeException {
        SearchTooBroadException() {
            super("This search matches too many messages to sort in time: add a word, a \"phrase\" or a filter"
                    + " (in:#room, from:@username).");
        }
    }

    /** Relevance ranks this many of the newest matches; for more, the search needs another word. */
    static final int MAX_RANKED = 1_000;
    /**
     * A word this common among the newest messages (a page of matches in the windows) is ranked
     * among those matches: finding its 1,000 newest would read ten times as many messages.
     */
    static final int RANKED_ENOUGH = MAX_LIMIT + 1;

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    MessageStore store;

    @Inject
    RoomAccess rooms;

    /** A few searches at a time per server: a burst of heavy ones must not take the connections and core chat needs. */
    @Bulkhead(MAX_CONCURRENT)
    @Transactional
    public SearchPage search(String userId, SearchQuery query, String roomId, SearchOrder order, int limit,
                             String cursor) {
        Cursor after = Cursor.decode(cursor, order);
        if (roomId != null) {
            rooms.requireReader(roomId, userId);
        }
        Scope scope = scope(userId, query, roomId);
        if (scope == null) {
            return new SearchPage(List.of(), null);
        }

        // For this transaction, in one round trip: plans with the actual patterns (a generic plan
        // cannot use the trigram index for LIKE '%…%'); a search that matches too much to sort in
        // time stops instead of holding a connection chat needs; and a random read priced as what
        // it is for an index that lives in memory or on SSD. At PostgreSQL's default (4, a
        // spinning disk) a room's newest messages were read whole through a bitmap and sorted
        // instead of walked newest first on their index: 75 ms instead of 12 for a window over
        // 20 rooms of 1,000 messages each.
        em.createNativeQuery("SELECT set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('statement_timeout', '" + STATEMENT_TIMEOUT_MILLIS + "', true),"
                + " set_config('random_page_cost', '" + RANDOM_PAGE_COST + "', true)").getSingleResult();
        List<Object[]> rows = fromWindows(this::run, scope, query, order, after, limit);
        if (rows == null) { // too few matches among the newest messages: the word indexes find them all
            rows = run(SearchSql.indexed(scope, query, order, after, limit, MAX_RANKED));
        }
        boolean more = rows.size() > limit;
        List<Object[]> page = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            Object[] last = page.get(page.size() - 1);
            next = order == SearchOrder.NEWEST
                    ? Cursor.newest(instant(last[2]), (String) last[0], ((Number) last[1]).longValue())
                    : Cursor.relevance(after.offset() + limit);
        }
        return new SearchPage(results(userId, query, page), next);
    }

    /**
     * Where the search looks: the room asked for, the rooms named with {@code in:#} that the caller
     * may read, or the caller's rooms (listed up to {@link #MAX_LISTED_ROOMS}); null for none.
     */
    private Scope scope(String userId, SearchQuery query, String roomId) {
        if (!query.inRooms().isEmpty()) {
            Sql named = new Sql().append("SELECT r.id FROM chat.room r WHERE lower(r.name) IN (")
                    .list(query.inRooms().stream().map(String::toLowerCase).toList())
                    .append(") AND (r.visibility = 'public' OR r.id IN"
                            + " (SELECT m.room_id FROM chat.room_member m WHERE m.user_id = ").param(userId).append("))");
            List<String> ids = ((List<?>) named.query(em).getResultList()).stream().map(String.class::cast)
                    .filter(id -> roomId == null || id.equals(roomId)).toList();
            return ids.isEmpty() ? null : Scope.rooms(ids);
        }
        if (roomId != null) { // readable: checked above, public rooms included
            return Scope.rooms(List.of(roomId));
        }
        // a few of the caller's rooms, and how many there are in all (counted before the limit)
        @SuppressWarnings("unchecked")
        List<Object[]> mine = em.createNativeQuery("SELECT room_id, count(*) OVER () FROM chat.room_member"
                + " WHERE user_id = ?1").setParameter(1, userId).setMaxResults(MAX_LISTED_ROOMS + 1).getResultList();
        if (mine.isEmpty()) {
            return null;
        }
        int rooms = ((Number) mine.get(0)[1]).intValue();
        return rooms <= MAX_LISTED_ROOMS ? Scope.rooms(mine.stream().map(row -> (String) row[0]).toList())
                : Scope.memberOf(userId, rooms);
    }

    /**
     * The page from the newest messages in scope, window after window, as the word indexes would
     * give it; null when the windows held too few matches to tell. By relevance, the matches the
     * windows hold are ranked once they are {@link #RANKED_ENOUGH}: the same set for every page.
     */
    static List<Object[]> fromWindows(Function<Sql, List<Object[]>> run, Scope scope, SearchQuery query,
                                      SearchOrder order, Cursor after, int limit) {
        boolean ranked = order == SearchOrder.RELEVANCE;
        int wanted = ranked ? MAX_RANKED : limit + 1;
        int worthReading = ranked ? RANKED_ENOUGH : wanted;
        List<Object[]> hits = new ArrayList<>();
        Cursor below = ranked ? Cursor.START : after;
        long seen = 0;
        long left = SearchSql.WINDOW_BUDGET;
        int size = SearchSql.FIRST_WINDOW;
        while (true) {
            Object[] end = null;
            for (Object[] row : run.apply(SearchSql.window(scope, query, ranked, below, size, wanted - hits.size()))) {
                if ((Boolean) row[4]) {
                    hits.add(row);
                }
                if ((Boolean) row[5]) {
                    end = row;
                }
            }
            if (SearchSql.windowSuffices(hits.size(), wanted, end != null)) {
                return ranked ? byRank(hits, after.offset(), limit) : hits;
            }
            seen += size;
            left -= size;
            if (left <= 0 || !SearchSql.widerWindowsPay(hits.size(), seen, worthReading, left)) {
                break;
            }
            below = new Cursor(instant(end[2]), (String) end[0], ((Number) end[1]).longValue(), 0);
            // the second window as the first's rate says; a third, if that fell short, reads the rest
            size = seen == SearchSql.FIRST_WINDOW ? SearchSql.nextWindow(hits.size(), seen, wanted, left) : (int) left;
        }
        return ranked && hits.size() >= RANKED_ENOUGH ? byRank(hits, after.offset(), limit) : null;
    }

    /** The page of the matches ranked best first, the newer first among equals (as the word indexes order them). */
    static List<Object[]> byRank(List<Object[]> newestFirst, int offset, int limit) {
        List<Object[]> ranked = new ArrayList<>(newestFirst);
        // stable: equal ranks keep their newest-first order
        ranked.sort(Comparator.comparing((Object[] row) -> ((Number) row[6]).floatValue()).reversed());
        return ranked.subList(Math.min(offset, ranked.size()), Math.min(offset + limit + 1, ranked.size()));
    }

    private List<Object[]> run(Sql sql) {
        try {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = sql.query(em).getResultList();
            return rows;
        } catch (RuntimeException e) {
            if (cancelled(e)) {
                throw new SearchTooBroadException();
            }
            throw e;
        }
    }

    private List<SearchResult> results(String userId, SearchQuery query, List<Object[]> rows) {
        Map<String, List<Long>> seqsByRoom = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Object[] row : rows) {
            seqsByRoom.computeIfAbsent((String) row[0], r -> new ArrayList<>()).add(((Number) row[1]).longValue());
            names.put((String) row[0], (String) row[3]);
        }
        Map<String, Message> found = new LinkedHashMap<>();
        // one lookup for the page, however many rooms its results are in
        store.bySeqs(seqsByRoom).forEach(m -> found.put(key(m.roomId(), m.seq()), m));
        List<SearchResult> results = new ArrayList<>();
        for (Object[] row : rows) {
            Message message = found.get(key((String) row[0], ((Number) row[1]).longValue()));
            if (message != null && !message.isDeleted()) { // deleted since it was indexed
                results.add(new SearchResult(message.seenBy(userId), names.get(message.roomId()),
                        Highlights.find(message.text(), query.highlightTerms())));
            }
        }
        return results;
    }

    /** PostgreSQL cancelled the statement (57014: its statement_timeout). */
    private static boolean cancelled(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String key(String roomId, long seq) {
        return roomId + ':' + seq;
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof Instant i ? i
                : ((java.time.OffsetDateTime) value).toInstant();
    }

    /**
     * Where the next page starts: after the last result's time, room and seq (newest first), or
     * at an offset (by relevance). Opaque to clients.
     */
    record Cursor(Instant sentAt, String roomId, long seq, int offset) {

        static final Cursor START = new Cursor(null, null, 0, 0);

        static String newest(Instant sentAt, String roomId, long seq) {
            return encode("n." + sentAt.toEpochMilli() + "." + seq + "." + roomId);
        }

        static String relevance(int offset) {
            return offset >= MAX_RANKED ? null : encode("r." + offset);
        }

        static Cursor decode(String cursor, SearchOrder order) {
            if (cursor == null || cursor.isEmpty()) {
                return START;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split("\\.", 4);
                if (order == SearchOrder.NEWEST && parts.length == 4 && parts[0].equals("n")) {
                    return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[3],
                            Long.parseLong(parts[2]), 0);
                }
                if (order == SearchOrder.RELEVANCE && parts.length == 2 && parts[0].equals("r")) {
                    int offset = Integer.parseInt(parts[1]);
                    if (offset >= 0 && offset < MAX_RANKED) {
                        return new Cursor(null, null, 0, offset);
                    }
                }
            } catch (IllegalArgumentException e) {
                // falls through: not one of ours
            }
            throw new InvalidQueryException("The cursor is not one this search gave (or belongs to the other order).");
        }

        private static String encode(String text) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
