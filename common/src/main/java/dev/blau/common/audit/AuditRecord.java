package dev.blau.common.audit;

import java.time.Instant;

/**
 * One action in the audit log: who ({@code actorId}, a user id), what ({@code action}, e.g.
 * {@code room.ban}), to what ({@code target}, e.g. {@code user:<id>}), with {@code details} as
 * a JSON object; {@code prevHash} and {@code hash} chain it to the record before.
 */
public record AuditRecord(long id, Instant at, String actorId, String action, String target, String details,
                          String prevHash, String hash) {

    /** Whether the record's own hash is the one its fields give. */
    public boolean intact() {
        return hash.equals(AuditChain.hash(this));
    }
}
