package dev.blau.auth.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SessionsTest {

    @Test
    void theClaimsOfAnAccessTokenAreReadFromItsPayload() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"42\",\"preferred_username\":\"ana\"}".getBytes(StandardCharsets.UTF_8));

        var claims = Sessions.claimsOf("eyJhbGciOiJSUzI1NiJ9." + payload + ".signature");

        assertEquals("42", claims.getString("sub"));
        assertEquals("ana", claims.getString("preferred_username"));
    }

    @Test
    void somethingThatIsNotAJwtHasNoClaims() {
        assertTrue(Sessions.claimsOf("opaque").isEmpty());
    }
}
