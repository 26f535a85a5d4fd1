package it.dev.blau.chat.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.blau.chat.search.control.MessageSearch;
import dev.blau.chat.search.control.SearchOrder;
import dev.blau.chat.search.control.SearchQuery;
import dev.blau.chat.search.entity.SearchPage;
import it.dev.blau.chat.search.SearchSeed.Row;

/**
 * In-container: search over a member's many rooms (more than are listed one by one), where
 * the member's busiest room holds most of the newest messages and rooms the member is not in
 * are busier still. The projection's rows and the stored messages are written straight in, with
 * times and texts chosen here, so the right answer is known: every matching message of the
 * member's rooms, newest first, each once, across pages.
 */
@ExtendWith(ArquillianExtension.class)
class SearchManyRoomsIT {

    private static final int QUIET_ROOMS = 69;

    @Deployment
    static WebArchive chatAppWithThisTest() {
        return ShrinkWrap.create(WebArchive.class, "chat-app-search-many-rooms.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/chat-app.war")))
                .addClasses(SearchManyRoomsIT.class, SearchSeed.class, Row.class);
    }

    @Inject
    MessageSearch search;

    @Inject
    SearchSeed seed;

    @Inject
    MongoDatabase database;

    @Test
    void aMemberOfManyRoomsFindsTheMatchesOfTheirRoomsNewestFirstAcrossPages() {
        String member = "member-" + UUID.randomUUID();
        String hot = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString(); // a busy room the member is not in
        List<String> rooms = new ArrayList<>(List.of(hot, elsewhere));
        Map<String, Integer> counts = new HashMap<>(Map.of(hot, 2_600, elsewhere, 1_500));
        for (int i = 0; i < QUIET_ROOMS; i++) {
            String quiet = UUID.randomUUID().toString();
            rooms.add(quiet);
            counts.put(quiet, 30);
        }
        // the messages in time order: the rooms' turns shuffled with a fixed seed, a second apart
        List<String> turns = new ArrayList<>();
        counts.forEach((room, n) -> turns.addAll(Collections.nCopies(n, room)));
        Collections.sort(turns);
        Collections.shuffle(turns, new Random(42));
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Long> seqs = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            String room = turns.get(i);
            long seq = seqs.merge(room, 1L, Long::sum);
            // "ibex" in 1 of 130: a page of 20 needs more than the first 2,000 messages, not all 10,000
            rows.add(new Row(room, seq, start.plusSeconds(i),
                    (i % 3 == 0 ? "zebra crossing " : "plain note ") + (i % 130 == 1 ? "ibex " : "") + i));
        }
        try {
            for (String room : rooms) {
                seed.room(room, "many-" + room.substring(0, 8), member);
                if (!room.equals(elsewhere)) {
                    seed.member(room, member);
                }
            }
            seed.indexed(rows, "sender-" + member);
            stored(rows, "sender-" + member);

            List<String> expected = matching(rows, elsewhere, "zebra");
            // the busiest room holds more of the newest 2,000 messages than the first read of each
            // room takes (twice 2,000 / 70): they are found only by reading that room further
            long hotInNewest = rows.stream().filter(r -> !r.roomId().equals(elsewhere))
                    .sorted(Comparator.comparing(Row::sentAt).reversed()).limit(2_000)
                    .filter(r -> r.roomId().equals(hot)).count();
            assertTrue(hotInNewest > 2 * 2_000 / 70, "the busy room's share of the newest: " + hotInNewest);

            List<String> found = allPages(member, "zebra", MessageSearch.MAX_LIMIT);
            assertEquals(expected.size(), found.size(), "every match of the member's rooms, each once");
            assertEquals(expected, found, "newest first");

            // a rarer word: the newest 2,000 messages hold part of a page, a window sized by their rate the rest
            List<String> ibex = matching(rows, elsewhere, "ibex");
            long ibexInFirstWindow = rows.stream().filter(r -> !r.roomId().equals(elsewhere))
                    .sorted(Comparator.comparing(Row::sentAt).reversed()).limit(2_000)
                    .filter(r -> r.body().contains("ibex")).count();
            assertTrue(ibexInFirstWindow > 3 && ibexInFirstWindow < 21, "ibex in the first window: " + ibexInFirstWindow);
            assertEquals(ibex, allPages(member, "ibex", 20), "every match of the rarer word, newest first, each once");
        } finally {
            seed.deleteRooms(rooms);
            database.getCollection("messages").deleteMany(Filters.in("roomId", rooms));
        }
    }

    /** The matches of {@code word} in the member's rooms (all but {@code elsewhere}), newest first. */
    private static List<String> matching(List<Row> rows, String elsewhere, String word) {
        return rows.stream().filter(r -> !r.roomId().equals(elsewhere)).filter(r -> r.body().contains(word))
                .sorted(Comparator.comparing(Row::sentAt).reversed())
                .map(r -> r.roomId() + ":" + r.seq()).toList();
    }

    /** Every result of the search, page after page: room and seq. */
    private List<String> allPages(String member, String query, int limit) {
        List<String> found = new ArrayList<>();
        String cursor = null;
        do {
            SearchPage page = search.search(member, SearchQuery.parse(query), null, SearchOrder.NEWEST, limit, cursor);
            page.results().forEach(r -> found.add(r.message().roomId() + ":" + r.message().seq()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return found;
    }

    // the documents as any chat server stores them
    private void stored(List<Row> rows, String senderId) {
        List<Document> batch = new ArrayList<>();
        for (Row row : rows) {
            String clientMsgId = "seed-" + row.seq();
            batch.add(new Document("_id", row.roomId() + ":" + row.seq()).append("roomId", row.roomId())
                    .append("seq", row.seq()).append("senderId", senderId).append("senderName", "Seed")
                    .append("text", row.body()).append("clientMsgId", clientMsgId)
                    .append("idempotencyKey", row.roomId() + "|" + senderId + "|" + clientMsgId)
                    .append("createdAt", Date.from(row.sentAt())));
            if (batch.size() == 1_000) {
                database.getCollection("messages").insertMany(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            database.getCollection("messages").insertMany(batch);
        }
    }
}
