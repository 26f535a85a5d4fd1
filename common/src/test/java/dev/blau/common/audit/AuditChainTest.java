package dev.blau.common.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-12-05T19:00:00.123456Z");

    @Test
    void theEncodingIsFixed_soRecordsWrittenTodayVerifyAfterAnyUpgrade() {
        // computed outside Java: sha256 of "64:000…0" "1:1" "27:2026-12-05T19:00:00.123456Z" "6:user-1" …
        assertEquals("285a561f8c634e46cc7b5bbfce2504390da18fb700ce7bfd99521f103eee84a4",
                AuditChain.hash(AuditChain.GENESIS, 1, AT, "user-1", "room.ban", "user:user-2", "{\"reason\":\"spam\"}"));
    }

    @Test
    void everyFieldCounts() {
        String base = AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "room.ban", "user:b", "{}");
        assertNotEquals(base, AuditChain.hash("1".repeat(64), 1, AT, "a", "room.ban", "user:b", "{}"));
        assertNotEquals(base, AuditChain.hash(AuditChain.GENESIS, 2, AT, "a", "room.ban", "user:b", "{}"));
        assertNotEquals(base, AuditChain.hash(AuditChain.GENESIS, 1, AT.plusNanos(1_000), "a", "room.ban", "user:b", "{}"));
        assertNotEquals(base, AuditChain.hash(AuditChain.GENESIS, 1, AT, "c", "room.ban", "user:b", "{}"));
        assertNotEquals(base, AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "room.mute", "user:b", "{}"));
        assertNotEquals(base, AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "room.ban", "user:c", "{}"));
        assertNotEquals(base, AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "room.ban", "user:b", "{\"x\":\"1\"}"));
    }

    @Test
    void aFieldCannotBorrowCharactersFromItsNeighbour() {
        assertNotEquals(AuditChain.hash(AuditChain.GENESIS, 1, AT, "ab", "c", "t", "{}"),
                AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "bc", "t", "{}"));
    }

    @Test
    void aRecordIsIntactOnlyWithTheHashOfItsFields() {
        String hash = AuditChain.hash(AuditChain.GENESIS, 1, AT, "a", "room.ban", "user:b", "{}");
        assertTrue(new AuditRecord(1, AT, "a", "room.ban", "user:b", "{}", AuditChain.GENESIS, hash).intact());
        assertFalse(new AuditRecord(1, AT, "a", "room.ban", "user:c", "{}", AuditChain.GENESIS, hash).intact());
    }
}
