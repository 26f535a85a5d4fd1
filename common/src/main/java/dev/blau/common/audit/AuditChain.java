package dev.blau.common.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash that chains audit records: SHA-256 over the previous record's hash and every field
 * of this one, each as its UTF-8 length and bytes, so no two different records encode alike
 * (a field cannot borrow characters from its neighbour) and nothing depends on a JSON library's
 * formatting, which may change with an upgrade while old records must still verify.
 */
public final class AuditChain {

    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(AuditRecord record) {
        return hash(record.prevHash(), record.id(), record.at(), record.actorId(), record.action(), record.target(),
                record.details());
    }

    public static String hash(String prevHash, long id, Instant at, String actorId, String action, String target,
                              String details) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (String field : new String[] {prevHash, Long.toString(id), at.toString(), actorId, action, target, details}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
