package it.dev.blau.ear;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.blau.testing.Api;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * Every secured endpoint of both applications: 200 with a user's token, 401 without one, 403
 * with a valid token that lacks the role; and forged tokens are 401 everywhere. The forgeries
 * that need a trusted signature are signed with a key the test adds to the realm, and the same
 * key signing correct claims is accepted — so each 401 is for the reason the case names.
 */
class AccessControlIT {

    record Endpoint(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> SECURED = List.of(
            new Endpoint("GET", "/api/v1/auth/profile", null),
            new Endpoint("PUT", "/api/v1/auth/profile", "{\"displayName\":\"Someone\"}"),
            new Endpoint("GET", "/api/v1/users?query=a", null),
            new Endpoint("GET", "/api/v1/users/%s", null),
            new Endpoint("POST", "/api/v1/chat/ws-ticket", null));

    static final Api API = Api.underTest();
    static final KeycloakAdmin KEYCLOAK = KeycloakAdmin.ofLocalStack();

    static String userToken;
    static String userId;
    static RSAKey trustedKey;
    static String trustedKeyComponent;

    @BeforeAll
    static void aUserAndATrustedTestKey() throws JOSEException {
        Users users = new Users(API);
        userToken = users.accessToken(users.register("acl"));
        userId = API.send("GET", "/api/v1/auth/profile", userToken, null).json().getString("id");

        RSAKey generated = new RSAKeyGenerator(2048).generate();
        trustedKeyComponent = KEYCLOAK.addSigningKey("it-key-" + UUID.randomUUID(),
                KeycloakAdmin.pem("PRIVATE KEY", generated.toPrivateKey().getEncoded()));
        trustedKey = new RSAKey.Builder(generated).keyID(KEYCLOAK.kidOf(trustedKeyComponent)).build();
        // the servers fetch the JWKS again for a key id they have not seen; wait until they do
        String control = signed(trustedKey, claims().build());
        await("test key trusted").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> API.send("GET", "/api/v1/auth/profile", control, null).status() == 200
                        && API.send("POST", "/api/v1/chat/ws-ticket", control, null).status() == 200);
    }

    @AfterAll
    static void removeTheTestKey() {
        if (trustedKeyComponent != null) {
            KEYCLOAK.removeComponent(trustedKeyComponent);
        }
    }

    static Stream<Endpoint> secured() {
        return SECURED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secured")
    void aUserIsAllowed(Endpoint endpoint) {
        Api.Answer answer = call(endpoint, userToken);

        assertEquals(200, answer.status(), answer::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secured")
    void noTokenIs401(Endpoint endpoint) {
        Api.Answer answer = call(endpoint, null);

        assertEquals(401, answer.status(), answer::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secured")
    void aValidTokenWithoutTheUserRoleIs403(Endpoint endpoint) {
        String serviceAccount = KEYCLOAK.serviceAccountToken("blau-auth-app", "blau-auth-app-local-dev-secret");

        Api.Answer answer = call(endpoint, serviceAccount);

        assertEquals(403, answer.status(), answer::toString);
    }

    @Test
    void theTestKeySigningCorrectClaimsIsAccepted() throws JOSEException {
        String token = signed(trustedKey, claims().build());

        for (Endpoint endpoint : SECURED) {
            Api.Answer answer = call(endpoint, token);
            assertEquals(200, answer.status(), () -> endpoint + " " + answer);
        }
    }

    static Stream<Arguments> forgeries() throws JOSEException {
        Instant now = Instant.now();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-" + UUID.randomUUID()).generate();
        String realmKid = KEYCLOAK.realmSigningJwk().getString("kid");
        RSAKey strangerClaimingRealmKid = new RSAKey.Builder(new RSAKeyGenerator(2048).generate()).keyID(realmKid).build();
        byte[] realmPublicKey = Base64.getUrlDecoder().decode(KEYCLOAK.realmSigningJwk().getString("n"));
        return Stream.of(
                Arguments.of("alg none", new PlainJWT(claims().build()).serialize()),
                Arguments.of("HS256 keyed with the realm's public key", hs256(realmPublicKey, realmKid, claims().build())),
                Arguments.of("unknown kid", signed(stranger, claims().build())),
                Arguments.of("signed by another key under the realm's kid", signed(strangerClaimingRealmKid, claims().build())),
                Arguments.of("expired", signed(trustedKey, with(c -> c
                        .issueTime(Date.from(now.minusSeconds(900))).expirationTime(Date.from(now.minusSeconds(300)))))),
                Arguments.of("not valid before a future time", signed(trustedKey, with(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))))),
                Arguments.of("wrong issuer", signed(trustedKey, with(c -> c.issuer("http://localhost:18080/realms/other")))),
                Arguments.of("wrong audience", signed(trustedKey, with(c -> c.audience("someone-else")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedTokensAre401InBothApplications(String forgery, String token) {
        for (Endpoint endpoint : SECURED) {
            Api.Answer answer = call(endpoint, token);
            assertEquals(401, answer.status(), () -> forgery + ": " + endpoint + " " + answer);
        }
    }

    static Api.Answer call(Endpoint endpoint, String token) {
        return API.send(endpoint.method(), endpoint.path().formatted(userId), token, endpoint.body());
    }

    /** Claims of a real user token: issuer, audience, subject, roles, a five-minute life. */
    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(KEYCLOAK.issuer())
                .audience(List.of("blau", "account"))
                .subject(userId)
                .claim("preferred_username", "forger")
                .claim("upn", "forger")
                .claim("groups", List.of("user"))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    static JWTClaimsSet with(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(claims()).build();
    }

    static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String hs256(byte[] secret, String kid, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }
}
