package it.dev.blau.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.blau.testing.Api;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/** Registration and sign-in through auth-app against the real Keycloak of the local stack. */
class RegistrationAndSessionsIT {

    final Api api = Api.underTest();
    final Users users = new Users(api);

    @Test
    void registerLoginProfileRefreshLogoutAndTheRefreshTokenIsDead() {
        String username = Users.uniqueName("flow");
        Api.Answer registered = api.post("/api/v1/auth/register",
                Users.registration(username, username + "@example.test", Users.PASSWORD));
        assertEquals(201, registered.status(), registered::toString);
        String id = registered.json().getString("id");
        assertEquals(username, registered.json().getString("username"));
        assertEquals(username, registered.json().getString("displayName"));
        assertTrue(registered.header("Location").endsWith("/api/v1/users/" + id), registered.header("Location"));

        Api.Answer login = api.post("/api/v1/auth/login", Users.credentials(username, Users.PASSWORD));
        assertEquals(200, login.status(), login::toString);
        assertEquals("Bearer", login.json().getString("tokenType"));
        assertEquals(300, login.json().getInt("expiresIn"));
        assertTrue(login.json().getInt("refreshExpiresIn") > 0);

        Api.Answer profile = api.send("GET", "/api/v1/auth/profile", login.json().getString("accessToken"), null);
        assertEquals(200, profile.status(), profile::toString);
        assertEquals(id, profile.json().getString("id"));
        assertEquals(username + "@example.test", profile.json().getString("email"));
        assertNotNull(profile.json().getString("createdAt"));

        Api.Answer refreshed = api.post("/api/v1/auth/refresh", Users.refreshToken(login.json().getString("refreshToken")));
        assertEquals(200, refreshed.status(), refreshed::toString);
        String refreshToken = refreshed.json().getString("refreshToken");
        assertNotEquals(login.json().getString("accessToken"), refreshed.json().getString("accessToken"));
        // refresh tokens rotate, yet a retry whose first answer was lost gets that answer, not a refusal
        Api.Answer retried = api.post("/api/v1/auth/refresh", Users.refreshToken(login.json().getString("refreshToken")));
        assertEquals(200, retried.status(), retried::toString);
        assertEquals(refreshToken, retried.json().getString("refreshToken"));

        Api.Answer logout = api.post("/api/v1/auth/logout", Users.refreshToken(refreshToken));
        assertEquals(204, logout.status(), logout::toString);

        Api.Answer afterLogout = api.post("/api/v1/auth/refresh", Users.refreshToken(refreshToken));
        assertEquals(401, afterLogout.status(), afterLogout::toString);
        assertProblem(afterLogout, "invalid-refresh-token");
        // and signing out ends the retry window of the token it renewed from
        Api.Answer predecessor = api.post("/api/v1/auth/refresh", Users.refreshToken(login.json().getString("refreshToken")));
        assertEquals(401, predecessor.status(), predecessor::toString);
    }

    @Test
    void signingInWithTheEmailAddressWorksToo() {
        String username = users.register("mail");

        Api.Answer login = api.post("/api/v1/auth/login", Users.credentials(username + "@example.test", Users.PASSWORD));

        assertEquals(200, login.status(), login::toString);
    }

    @Test
    void profileCanBeChangedAndInvalidChangesAreFieldErrors() {
        String token = users.accessToken(users.register("prof"));

        Api.Answer updated = api.send("PUT", "/api/v1/auth/profile", token,
                "{\"displayName\":\"Ana Souza\",\"locale\":\"pt-BR\",\"statusMessage\":\"em reunião\"}");
        Api.Answer invalid = api.send("PUT", "/api/v1/auth/profile", token,
                "{\"displayName\":\"\",\"locale\":\"portuguese\",\"statusMessage\":\"" + "x".repeat(141) + "\"}");

        assertEquals(200, updated.status(), updated::toString);
        assertEquals("Ana Souza", updated.json().getString("displayName"));
        assertEquals("pt-BR", updated.json().getString("locale"));
        assertEquals("em reunião", updated.json().getString("statusMessage"));
        assertEquals(400, invalid.status(), invalid::toString);
        assertEquals(java.util.Set.of("displayName", "locale", "statusMessage"), fieldErrors(invalid).keySet());
    }

    @Test
    void aSingleSignOnUserWhoNeverRegisteredGetsAProfileOnFirstCall() {
        String username = Users.uniqueName("sso");
        String id = KeycloakAdmin.ofLocalStack().createUser(username, username + "@example.test", Users.PASSWORD);

        Api.Answer profile = api.send("GET", "/api/v1/auth/profile", users.accessToken(username), null);

        assertEquals(200, profile.status(), profile::toString);
        assertEquals(id, profile.json().getString("id"));
        assertEquals(username, profile.json().getString("username"));
    }

    @Test
    void invalidRegistrationsAnswerFieldErrors() {
        Api.Answer answer = api.post("/api/v1/auth/register", "{\"username\":\"a\",\"email\":\"not-an-email\",\"password\":\"\"}");

        assertEquals(400, answer.status(), answer::toString);
        assertProblem(answer, "validation");
        assertEquals(java.util.Set.of("username", "email", "password"), fieldErrors(answer).keySet());
    }

    @Test
    void thePasswordPolicyOfKeycloakIsAFieldErrorOnPassword() {
        String username = Users.uniqueName("pol");

        Api.Answer tooShort = api.post("/api/v1/auth/register", Users.registration(username, username + "@example.test", "short"));
        Api.Answer sameAsUsername = api.post("/api/v1/auth/register", Users.registration(username, username + "@example.test", username));

        assertEquals(400, tooShort.status(), tooShort::toString);
        assertTrue(fieldErrors(tooShort).get("password").contains("8"), tooShort::toString);
        assertEquals(400, sameAsUsername.status(), sameAsUsername::toString);
        assertTrue(fieldErrors(sameAsUsername).containsKey("password"), sameAsUsername::toString);
    }

    @Test
    void aTakenUsernameOrEmailIsAConflict() {
        String taken = users.register("taken");
        String other = Users.uniqueName("other");

        Api.Answer sameUsername = api.post("/api/v1/auth/register", Users.registration(taken, other + "@example.test", Users.PASSWORD));
        Api.Answer sameEmail = api.post("/api/v1/auth/register", Users.registration(other, taken + "@example.test", Users.PASSWORD));

        assertEquals(409, sameUsername.status(), sameUsername::toString);
        assertTrue(fieldErrors(sameUsername).containsKey("username"));
        assertEquals(409, sameEmail.status(), sameEmail::toString);
        assertTrue(fieldErrors(sameEmail).containsKey("email"));
    }

    @Test
    void badCredentialsAre401WithoutSayingWhichPartWasWrong() {
        String username = users.register("bad");

        Api.Answer wrongPassword = api.post("/api/v1/auth/login", Users.credentials(username, "not the password"));
        Api.Answer unknownUser = api.post("/api/v1/auth/login", Users.credentials(Users.uniqueName("nobody"), "not the password"));

        assertEquals(401, wrongPassword.status(), wrongPassword::toString);
        assertEquals(401, unknownUser.status(), unknownUser::toString);
        assertEquals(wrongPassword.json(), unknownUser.json());
        assertProblem(wrongPassword, "invalid-credentials");
    }

    /** A sign-in as it reaches the server through the gateway: from {@code address}. */
    private Api.Answer loginFrom(String address, String username, String password) {
        return api.send(java.net.http.HttpRequest.newBuilder(api.base().resolve("/api/v1/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Users.credentials(username, password))));
    }

    private static String someAddress(String prefix) { // a fresh one per run: the budgets outlive a test
        return prefix + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
    }

    @Test
    void aPasswordGuesserIsHeldUpAtItsAddressWhileTheOwnerSignsInFromAnother() {
        String username = users.register("guess");
        KeycloakAdmin keycloak = KeycloakAdmin.ofLocalStack();
        String userId = keycloak.userIdOf(username);
        String guesser = someAddress("203.0.113.");
        for (int attempt = 0; attempt < 5; attempt++) {
            Api.Answer wrong = loginFrom(guesser, username, "wrong " + attempt);
            assertEquals(401, wrong.status(), wrong::toString);
            keycloak.awaitRecordedFailures(userId, attempt + 1);
        }

        Api.Answer held = loginFrom(guesser, username, Users.PASSWORD);
        Api.Answer owner = loginFrom(someAddress("198.51.100."), username, Users.PASSWORD);

        assertEquals(429, held.status(), "even the right password waits, from there: " + held);
        assertProblem(held, "rate-limited");
        assertTrue(Long.parseLong(held.header("Retry-After")) > 0);
        assertEquals(200, owner.status(), () -> "the owner is not locked out: " + owner);

        // an account that does not exist is held up the same way: the answer tells nothing
        String otherGuesser = someAddress("203.0.114.");
        String nobody = "nobody-" + UUID.randomUUID();
        for (int attempt = 0; attempt < 5; attempt++) {
            Api.Answer wrong = loginFrom(otherGuesser, nobody, "wrong " + attempt);
            assertEquals(401, wrong.status(), wrong::toString);
        }
        Api.Answer heldUnknown = loginFrom(otherGuesser, nobody, "wrong");
        assertEquals(429, heldUnknown.status(), heldUnknown::toString);
        assertEquals(held.json().getString("type"), heldUnknown.json().getString("type"));
        assertEquals(200, loginFrom(otherGuesser, username, Users.PASSWORD).status(), "each account has its own budget");
    }

    @Test
    void anAccountKeycloakLockedAnswersExactlyLikeAWrongPassword() {
        String username = users.register("lock");
        KeycloakAdmin keycloak = KeycloakAdmin.ofLocalStack();
        String userId = keycloak.userIdOf(username);
        Api.Answer firstWrong = null;
        // Keycloak's threshold (20) is reached only by guesses from several addresses: 4 × 5
        String prefix = someAddress("192.0.2.").substring(0, "192.0.2.".length());
        int first = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 200);
        int failures = 0;
        for (int address = first; address < first + 4; address++) {
            for (int attempt = 0; attempt < 5; attempt++) {
                Api.Answer wrong = loginFrom(prefix + address, username, "wrong " + attempt);
                assertEquals(401, wrong.status(), wrong::toString);
                firstWrong = firstWrong == null ? wrong : firstWrong;
                keycloak.awaitRecordedFailures(userId, ++failures);
            }
        }
        // Keycloak records failures off the request thread: the lock shows a moment later
        org.awaitility.Awaitility.await("Keycloak locks the account (temporarily)").atMost(java.time.Duration.ofSeconds(20))
                .until(() -> keycloak.bruteForceStatus(userId).getBoolean("disabled"));

        Api.Answer rightPasswordWhileLocked = loginFrom(someAddress("198.51.101."), username, Users.PASSWORD);

        assertEquals(401, rightPasswordWhileLocked.status(), rightPasswordWhileLocked::toString);
        assertEquals(firstWrong.json(), rightPasswordWhileLocked.json(), "nothing says locked");
        assertEquals(null, rightPasswordWhileLocked.header("Retry-After"));
    }

    @Test
    void malformedOversizedAndMissingBodiesAreRefusedAsProblems() {
        Api.Answer malformed = api.post("/api/v1/auth/login", "{\"username\": \"ana\", ");
        Api.Answer wrongShape = api.post("/api/v1/auth/login", "[1, 2, 3]");
        Api.Answer missing = api.post("/api/v1/auth/login", null);
        Api.Answer oversized = api.post("/api/v1/auth/register",
                "{\"username\":\"" + "a".repeat(70_000) + "\",\"email\":\"a@example.test\",\"password\":\"x\"}");

        assertEquals(400, malformed.status(), malformed::toString);
        assertProblem(malformed, "malformed-body");
        assertEquals(400, wrongShape.status(), wrongShape::toString);
        assertEquals(400, missing.status(), missing::toString);
        assertEquals(413, oversized.status(), oversized::toString);
        assertProblem(oversized, "body-too-large");
    }

    @Test
    void usersAreFoundByUsernamePrefixWithoutTheirEmail() {
        String username = users.register("find");
        String token = users.accessToken(username);

        Api.Answer found = api.send("GET", "/api/v1/users?query=" + username.substring(0, 10), token, null);
        Api.Answer one = api.send("GET", "/api/v1/users/" + api.send("GET", "/api/v1/auth/profile", token, null).json().getString("id"), token, null);
        Api.Answer blankQuery = api.send("GET", "/api/v1/users?query=", token, null);

        assertEquals(200, found.status(), found::toString);
        JsonObject match = found.response().body().isEmpty() ? null : jakarta.json.Json.createReader(
                new java.io.StringReader(found.body())).readArray().stream().map(JsonObject.class::cast)
                .filter(user -> username.equals(user.getString("username"))).findFirst().orElse(null);
        assertNotNull(match, found::toString);
        assertFalse(match.containsKey("email"));
        assertEquals(200, one.status(), one::toString);
        assertEquals(username, one.json().getString("username"));
        assertEquals(400, blankQuery.status(), blankQuery::toString);
    }

    @Test
    void noPasswordOrTokenEverReachesTheServerLogs() throws IOException {
        String username = Users.uniqueName("quiet");
        String password = "Secret-" + UUID.randomUUID();
        String wrongPassword = "Wrong-" + UUID.randomUUID();
        api.post("/api/v1/auth/register", Users.registration(username, username + "@example.test", password));
        api.post("/api/v1/auth/login", Users.credentials(username, wrongPassword));
        Api.Answer login = api.post("/api/v1/auth/login", Users.credentials(username, password));
        Api.Answer refreshed = api.post("/api/v1/auth/refresh", Users.refreshToken(login.json().getString("refreshToken")));
        api.post("/api/v1/auth/logout", Users.refreshToken(refreshed.json().getString("refreshToken")));
        api.post("/api/v1/auth/refresh", Users.refreshToken(refreshed.json().getString("refreshToken")));

        // tokens the servers refuse: a forged signature, a forged claim, half a token; Liberty's own
        // messages about a refused token quote it whole unless told not to
        String access = refreshed.json().getString("accessToken");
        String[] parts = access.split("\\.");
        String forgedSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String forgedClaims = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        String truncated = parts[0] + "." + parts[1];
        List<String> refusedTokens = List.of(forgedSignature, forgedClaims, truncated);
        for (String refusedToken : refusedTokens) {
            for (String path : List.of("/api/v1/auth/profile", "/api/v1/chat/rooms")) {
                Api.Answer refused = api.send("GET", path, refusedToken, null);
                assertEquals(401, refused.status(), () -> path + ": " + refused);
            }
        }

        List<String> secrets = new java.util.ArrayList<>(List.of(password, wrongPassword,
                login.json().getString("accessToken"), login.json().getString("refreshToken"),
                refreshed.json().getString("accessToken"), refreshed.json().getString("refreshToken")));
        Path logs = Path.of(System.getProperty("blau.server.logs"));
        assertTrue(Files.size(logs.resolve("messages.log")) > 0, "the server's log is where the test looks");
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), () -> "a secret is in " + file);
                }
                // what is shipped to central logging: the messages and the console (JSON in containers).
                // Not the server's own diagnostics files, trace.log (where hidden messages go) and
                // logs/ffdc: they keep refused tokens (docs/deployment-guide.md)
                if (!file.getParent().endsWith("ffdc") && !file.endsWith("trace.log")) {
                    for (String refusedToken : refusedTokens) {
                        assertFalse(content.contains(refusedToken) || content.contains(parts[1]),
                                () -> "a refused token is in " + file);
                    }
                }
            }
        }
    }

    static void assertProblem(Api.Answer answer, String kind) {
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::contentType);
        assertEquals("https://blau.dev/problems/" + kind, answer.json().getString("type"), answer::toString);
        assertEquals(answer.status(), answer.json().getInt("status"));
    }

    static Map<String, String> fieldErrors(Api.Answer answer) {
        return answer.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(e -> e.getString("field"), e -> e.getString("message"), (a, b) -> a + "; " + b));
    }
}
