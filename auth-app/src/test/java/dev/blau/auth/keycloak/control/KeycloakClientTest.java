package dev.blau.auth.keycloak.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeycloakClientTest {

    @Test
    void aPasswordPolicyMessageLosesKeycloaksPrefixAndStartsWithACapital() {
        assertEquals("Minimum length 8.", KeycloakClient.passwordMessage("Invalid password: minimum length 8."));
        assertEquals("Must not be equal to the username.",
                KeycloakClient.passwordMessage("Invalid password: must not be equal to the username."));
    }

    @Test
    void anEmptyPolicyMessageBecomesAGenericOne() {
        assertEquals("The password does not meet the password policy.", KeycloakClient.passwordMessage("Invalid password: "));
    }

    @Test
    void onlyKeycloaksDisabledAnswerCountsAsADisabledAccount() {
        assertTrue(new InvalidGrantException("Account disabled").accountDisabled());
        assertFalse(new InvalidGrantException("Invalid user credentials").accountDisabled());
    }

    @Test
    void anIdThatCouldLeaveItsPathSegmentNamesNoUser() {
        for (String id : new String[] {"..", ".", "", " ", "a/b", "../clients", "a\\b", "a?b", "a#b", "a%2Fb", "a\nb"}) {
            assertTrue(KeycloakClient.namesNoUser(id), id);
        }
        assertTrue(KeycloakClient.namesNoUser(null));
        assertFalse(KeycloakClient.namesNoUser("2f3e9c1a-0b7d-4c55-9d0e-6f2a8b1c4d3e"));
        assertFalse(KeycloakClient.namesNoUser("f:6f2a8b1c:jdoe")); // a federated user
    }

    @Test
    void aTokenSetNeverPrintsItsTokens() {
        TokenSet tokens = new TokenSet("access-secret", "refresh-secret", 300, 1800, "Bearer");

        assertFalse(tokens.toString().contains("secret"), tokens::toString);
    }
}
