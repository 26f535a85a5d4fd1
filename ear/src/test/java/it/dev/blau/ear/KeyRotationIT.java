package it.dev.blau.ear;

import static dev.blau.testing.ChatSocket.frame;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.KeycloakAdmin;

/**
 * Signing keys rotate in Keycloak without a restart of BLAU: a key added to the realm is
 * trusted for REST and for the socket's {@code auth} renewal, and once it is removed its tokens
 * are refused everywhere — a key taken out after a leak stops working by itself.
 */
class KeyRotationIT {

    static final KeycloakAdmin KEYCLOAK = KeycloakAdmin.ofLocalStack();
    final Chat chat = new Chat(Api.underTest());

    @Test
    void aKeyAddedToTheRealmIsTrustedAndOnceRemovedItsTokensAreRefusedEverywhere() throws JOSEException {
        ChatUser ana = chat.newUser("rot");
        RSAKey generated = new RSAKeyGenerator(2048).generate();
        String component = KEYCLOAK.addSigningKey("rotation-" + UUID.randomUUID(),
                KeycloakAdmin.pem("PRIVATE KEY", generated.toPrivateKey().getEncoded()));
        RSAKey key = new RSAKey.Builder(generated).keyID(KEYCLOAK.kidOf(component)).build();
        try (ChatSocket socket = chat.connect(ana)) {
            await("the new key trusted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> accepted(socket, token(key, ana)), equalTo(List.<Object>of(200, 200, "auth_ok")));

            KEYCLOAK.removeComponent(component);
            Instant removed = Instant.now();

            // the published key set is read again once 15 s old on the test server (a minute by default)
            await("the removed key refused").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> accepted(socket, token(key, ana)), equalTo(List.<Object>of(401, 401, "invalid-token")));
            System.out.println("key rotation | removed key refused everywhere after "
                    + Duration.between(removed, Instant.now()).toSeconds() + " s");
            assertEquals(List.of(200, 200, "auth_ok"), accepted(socket, ana.token()),
                    "the realm's own key is still trusted");
        } finally {
            KEYCLOAK.removeComponent(component);
        }
    }

    /** How auth-app (profile), chat-app (ticket) and the socket's renewal answer the token. */
    List<Object> accepted(ChatSocket socket, String token) {
        int profile = chat.api().send("GET", "/api/v1/auth/profile", token, null).status();
        int ticket = chat.api().send("POST", "/api/v1/chat/ws-ticket", token, null).status();
        int mark = socket.size();
        socket.send(frame("auth", "token", token));
        JsonObject answer = socket.await(f -> "auth_ok".equals(f.getString("type")) || "error".equals(f.getString("type")), mark);
        return List.of(profile, ticket, "auth_ok".equals(answer.getString("type")) ? "auth_ok" : answer.getString("code"));
    }

    static String token(RSAKey key, ChatUser user) throws JOSEException {
        Instant now = Instant.now();
        return AccessControlIT.signed(key, new JWTClaimsSet.Builder()
                .issuer(KEYCLOAK.issuer())
                .audience(List.of("blau", "account"))
                .subject(user.id())
                .claim("preferred_username", user.username())
                .claim("upn", user.username())
                .claim("groups", List.of("user"))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .build());
    }
}
