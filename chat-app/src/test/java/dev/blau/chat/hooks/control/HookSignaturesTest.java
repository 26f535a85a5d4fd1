package dev.blau.chat.hooks.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HookSignaturesTest {

    static final String SECRET = "s3cret";
    static final byte[] BODY = "{\"text\":\"build #42 passed\"}".getBytes(StandardCharsets.UTF_8);
    static final Instant NOW = Instant.ofEpochSecond(1_800_000_000L);

    @Test
    void aSignatureOverTimestampAndBodyUnderTheSecretIsAccepted() {
        String signature = HookSignatures.sign(SECRET, NOW.getEpochSecond(), BODY);
        // what a sender computes with openssl: printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$secret"
        assertEquals("sha256=f41e91a094a052a47ed2b04365d076740527fb29c5f844fe655a4f48dc384e31", signature);
        assertDoesNotThrow(() -> HookSignatures.verify(SECRET, "1800000000", signature, BODY, NOW.plusSeconds(299)));
    }

    @Test
    void forgedStaleOrUnsignedRequestsAreRefused() {
        String signature = HookSignatures.sign(SECRET, NOW.getEpochSecond(), BODY);
        String ts = String.valueOf(NOW.getEpochSecond());
        byte[] other = "{\"text\":\"build #42 failed\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(HookSignatures.Refused.class, () -> HookSignatures.verify(SECRET, ts, signature, other, NOW), "another body");
        assertThrows(HookSignatures.Refused.class, () -> HookSignatures.verify("other", ts, signature, BODY, NOW), "another secret");
        assertThrows(HookSignatures.Refused.class, () -> HookSignatures.verify(SECRET, ts, signature, BODY, NOW.plusSeconds(301)),
                "replayed after the window");
        String refreshed = String.valueOf(NOW.getEpochSecond() + 600);
        assertThrows(HookSignatures.Refused.class, () -> HookSignatures.verify(SECRET, refreshed, signature, BODY, NOW.plusSeconds(600)),
                "a new timestamp on an old signature");
        for (String bad : new String[] {null, "", "sha256=", "sha256=zz", "md5=" + signature.substring(7), signature.substring(7)}) {
            assertThrows(HookSignatures.Refused.class, () -> HookSignatures.verify(SECRET, ts, bad, BODY, NOW), String.valueOf(bad));
        }
        assertThrows(HookSignatures.Refused.class, () -> HookSignatures.verify(SECRET, null, signature, BODY, NOW));
        assertThrows(HookSignatures.Refused.class, () -> HookSignatures.verify(SECRET, "yesterday", signature, BODY, NOW));
    }
}
