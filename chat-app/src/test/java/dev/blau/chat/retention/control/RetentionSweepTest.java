package dev.blau.chat.retention.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.blau.common.audit.AuditLog;
import dev.blau.common.audit.AuditRecord;

class RetentionSweepTest {

    /** Old messages waiting in each room, by room id. */
    final TreeMap<String, Integer> waiting = new TreeMap<>();
    final TreeMap<String, Integer> roomDays = new TreeMap<>();
    Integer globalDays;
    final List<String> expiredIn = new ArrayList<>();
    final List<Map<String, ?>> audited = new ArrayList<>();
    final List<Instant> cutoffs = new ArrayList<>();

    final RetentionSweep sweep = new RetentionSweep();

    @BeforeEach
    void aPolicyAStoreAndAnAuditLog() {
        sweep.policy = new RetentionPolicy() {
            @Override
            public Integer globalDays() {
                return globalDays;
            }

            @Override
            public List<RoomRetention> rooms(String afterId, boolean all, int limit) {
                return waiting.tailMap(afterId, false).keySet().stream()
                        .filter(id -> all || roomDays.containsKey(id)).limit(limit)
                        .map(id -> new RoomRetention(id, roomDays.get(id), 0)).toList();
            }
        };
        sweep.expiry = new RoomExpiry() {
            @Override
            public Done expire(RetentionPolicy.RoomRetention room, Instant cutoff, int budget) {
                cutoffs.add(cutoff);
                int here = Math.min(budget, waiting.get(room.roomId()));
                waiting.merge(room.roomId(), -here, Integer::sum);
                for (int i = 0; i < here; i++) {
                    expiredIn.add(room.roomId());
                }
                return new Done(here, here);
            }
        };
        sweep.audit = new AuditLog() {
            @Override
            public AuditRecord record(String actorId, String action, String target, Map<String, ?> details) {
                assertEquals(RetentionSweep.SYSTEM_ACTOR, actorId);
                assertEquals("retention.run", action);
                audited.add(details);
                return null;
            }
        };
    }

    @Test
    void theShorterOfTheTwoPoliciesApplies() {
        assertEquals(7, RetentionPolicy.effective(30, 7));
        assertEquals(30, RetentionPolicy.effective(30, 90), "an owner keeps less, never more");
        assertEquals(90, RetentionPolicy.effective(null, 90));
        assertEquals(30, RetentionPolicy.effective(30, null));
        assertNull(RetentionPolicy.effective(null, null));
    }

    @Test
    void onlyRoomsWithAPolicyAreSweptAndEachAtItsOwnCutoff() {
        waiting.put("a", 3);
        waiting.put("b", 2);
        roomDays.put("b", 10);
        Instant before = Instant.now();

        RetentionSweep.Outcome outcome = sweep.sweep();

        assertEquals(new RetentionSweep.Outcome(1, 2), outcome);
        assertEquals(List.of("b", "b"), expiredIn);
        assertTrue(!cutoffs.get(0).isAfter(before.minus(Duration.ofDays(10)).plusSeconds(5)));
        assertEquals(1, audited.size());
    }

    @Test
    void aLongHistoryIsWorkedOffInBoundedSweepsStartingWhereTheLastStopped() {
        globalDays = 30;
        waiting.put("a", 1_500);
        waiting.put("b", 1_500);
        waiting.put("c", 10);

        assertEquals(new RetentionSweep.Outcome(2, 2_000), sweep.sweep(), "at most 2,000 messages a sweep");
        assertEquals(1_000, waiting.get("b"));
        assertEquals(10, waiting.get("c"), "not reached yet");

        assertEquals(new RetentionSweep.Outcome(2, 1_010), sweep.sweep(), "b first again, then c");
        assertEquals(0, waiting.get("b") + waiting.get("c"));
        assertEquals(new RetentionSweep.Outcome(0, 0), sweep.sweep());
        assertEquals(2, audited.size(), "a sweep that expired nothing is not audited");
    }

    @Test
    void theCursorGoesRoundEveryRoomWhateverTheirNumber() {
        globalDays = 1;
        for (int i = 0; i < RetentionSweep.ROOMS_PER_SWEEP + 20; i++) {
            waiting.put(String.format("room-%04d", i), 0);
        }
        waiting.put("room-0000", 1);
        waiting.put("room-0510", 1);
        sweep.sweep(); // the first 500
        assertEquals(1, waiting.get("room-0510"), "beyond the first sweep's rooms");
        sweep.sweep(); // the rest
        assertEquals(0, waiting.get("room-0510"));
        waiting.put("room-0000", 1);
        sweep.sweep(); // round again from the start
        assertEquals(0, waiting.get("room-0000"));
    }
}
