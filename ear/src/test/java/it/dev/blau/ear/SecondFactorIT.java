package it.dev.blau.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.spec.SecretKeySpec;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import dev.blau.testing.Api;
import dev.blau.testing.KeycloakAdmin;
import dev.blau.testing.Users;

/**
 * The optional second factor (TOTP): a user who set up an authenticator app, and a holder of the
 * realm role {@code mfa-required}, are refused the password sign-in of auth-app with
 * {@code mfa-required} (and the URL to continue at) only after a right password; single sign-on
 * asks the first for the code and makes the second enrol first. Driven through Keycloak's real
 * login pages, as a browser would, with the codes an authenticator app would show.
 */
class SecondFactorIT {

    static final Api API = Api.underTest();
    static final KeycloakAdmin KEYCLOAK = KeycloakAdmin.ofLocalStack();
    static final String REDIRECT_URI = "http://localhost:9080/auth/callback";
    static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator();

    @Test
    void aUserWithAnAuthenticatorAppIsSentToSingleSignOnWhichAsksForTheCode() throws Exception {
        String username = Users.uniqueName("otp");
        String secret = UUID.randomUUID().toString().substring(0, 20);
        String id = KEYCLOAK.createUserWithAuthenticatorApp(username, username + "@example.test", Users.PASSWORD, secret);

        Api.Answer right = signIn(username, Users.PASSWORD);
        assertMfaRequired(right);
        Api.Answer wrong = signIn(username, "not the password");
        assertEquals(401, wrong.status(), wrong::toString);
        assertEquals("https://blau.dev/problems/invalid-credentials", wrong.json().getString("type"),
                "a wrong password says nothing of a second factor");
        KEYCLOAK.awaitRecordedFailures(id, 1);

        Browser browser = new Browser();
        HttpResponse<String> codePage = browser.signIn(username, Users.PASSWORD);
        assertEquals(200, codePage.statusCode());
        assertTrue(codePage.body().contains("name=\"otp\""), "Keycloak asks for the one-time code");
        HttpResponse<String> refused = browser.submit(codePage, "kc-otp-login-form", Map.of("otp", wrongCode(secret)));
        assertEquals(200, refused.statusCode(), "a wrong code is asked again, not let through");
        KEYCLOAK.awaitRecordedFailures(id, 2);
        HttpResponse<String> done = browser.submit(refused, "kc-otp-login-form", Map.of("otp", code(secret)));
        assertEquals(id, browser.tokenSubject(done), "the code signs the user in");
    }

    @Test
    void aHolderOfMfaRequiredMustEnrolAtTheNextSingleSignOnAndIsThenAskedForTheCode() throws Exception {
        Users users = new Users(API);
        String username = users.register("mfa");
        String id = KEYCLOAK.userIdOf(username);
        assertEquals(200, signIn(username, Users.PASSWORD).status(), "no second factor before the role");
        KEYCLOAK.grantRealmRole(id, "mfa-required");

        assertMfaRequired(signIn(username, Users.PASSWORD));

        Browser enrolling = new Browser();
        HttpResponse<String> setup = enrolling.follow(enrolling.signIn(username, Users.PASSWORD));
        assertTrue(setup.body().contains("kc-totp-settings-form"), "Keycloak asks to set up an authenticator app");
        String secret = Browser.hiddenValue(setup.body(), "totpSecret");
        HttpResponse<String> enrolled = enrolling.submit(setup, "kc-totp-settings-form",
                Map.of("totp", code(secret), "totpSecret", secret, "userLabel", "phone"));
        assertEquals(id, enrolling.tokenSubject(enrolled), "enrolment ends signed in");
        assertTrue(KEYCLOAK.credentialTypes(id).contains("otp"));

        Browser next = new Browser();
        HttpResponse<String> codePage = next.signIn(username, Users.PASSWORD);
        assertTrue(codePage.body().contains("name=\"otp\""), "the next sign-in asks for the code");
        // the enrolment used this period's code, and a code works once: the next period's is accepted too
        HttpResponse<String> done = next.submit(codePage, "kc-otp-login-form",
                Map.of("otp", code(secret, Instant.now().plus(TOTP.getTimeStep()))));
        assertEquals(id, next.tokenSubject(done));
        assertMfaRequired(signIn(username, Users.PASSWORD));
    }

    private static Api.Answer signIn(String username, String password) {
        return API.post("/api/v1/auth/login", Users.credentials(username, password));
    }

    private static void assertMfaRequired(Api.Answer answer) {
        assertEquals(401, answer.status(), answer::toString);
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer::contentType);
        JsonObject problem = answer.json();
        assertEquals("https://blau.dev/problems/mfa-required", problem.getString("type"));
        assertEquals(401, problem.getInt("status"));
        assertEquals(KEYCLOAK.issuer() + "/protocol/openid-connect/auth", problem.getString("ssoUrl"));
    }

    private static String code(String secret) throws InvalidKeyException {
        return code(secret, Instant.now());
    }

    private static String code(String secret, Instant at) throws InvalidKeyException {
        // Keycloak's TOTP key is the stored secret's bytes (what the settings form carries as totpSecret)
        return TOTP.generateOneTimePasswordString(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"), at);
    }

    private static String wrongCode(String secret) throws InvalidKeyException {
        int right = Integer.parseInt(code(secret));
        return String.format("%06d", (right + 500_000) % 1_000_000);
    }

    /** A browser at Keycloak's login pages for the web client (Authorization Code + PKCE): cookies, no auto-redirects. */
    static final class Browser {

        private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>");

        private final HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        // Keycloak's session cookies, by name (the JDK's CookieManager keeps none for "localhost")
        private final Map<String, String> cookies = new LinkedHashMap<>();
        private final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();

        /** Opens the login page and posts the username and password; returns Keycloak's answer. */
        HttpResponse<String> signIn(String username, String password) throws Exception {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            URI authorize = URI.create(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?" + form(Map.of(
                    "client_id", "blau-web", "response_type", "code", "scope", "openid", "state", "s",
                    "redirect_uri", REDIRECT_URI, "code_challenge", challenge, "code_challenge_method", "S256")));
            HttpResponse<String> loginPage = get(authorize);
            assertEquals(200, loginPage.statusCode(), loginPage::body);
            return submit(loginPage, "kc-form-login", Map.of("username", username, "password", password));
        }

        HttpResponse<String> submit(HttpResponse<String> page, String formId, Map<String, String> fields) throws Exception {
            URI action = URI.create(actionOf(page.body(), formId));
            return send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
        }

        HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
            assertEquals(302, redirect.statusCode(), redirect::body);
            return get(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
        }

        /** The answer redirected back to the web client with a code: exchanges it and returns the token's subject. */
        String tokenSubject(HttpResponse<String> redirect) throws Exception {
            assertEquals(302, redirect.statusCode(), redirect::body);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(REDIRECT_URI + "?"), location);
            String code = query(URI.create(location)).get("code");
            HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(KEYCLOAK.issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "client_id", "blau-web",
                            "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, tokens.statusCode(), tokens::body);
            String accessToken = Json.createReader(new java.io.StringReader(tokens.body())).readObject().getString("access_token");
            String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
            return Json.createReader(new java.io.StringReader(payload)).readObject().getString("sub");
        }

        private HttpResponse<String> get(URI uri) throws Exception {
            return send(HttpRequest.newBuilder(uri).GET());
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String[] pair = cookie.split(";", 2)[0].split("=", 2);
                cookies.put(pair[0].strip(), pair.length > 1 ? pair[1] : "");
            }
            return response;
        }

        static String hiddenValue(String html, String name) {
            Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
            assertTrue(input.find(), "no field " + name);
            return unescape(input.group(1));
        }

        private static String actionOf(String html, String formId) {
            Matcher forms = FORM.matcher(html);
            while (forms.find()) {
                String tag = forms.group();
                if (tag.contains("id=\"" + formId + "\"")) {
                    Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(tag);
                    assertTrue(action.find(), tag);
                    return unescape(action.group(1));
                }
            }
            throw new AssertionError("no form " + formId + " in the page: " + html.substring(0, Math.min(html.length(), 2000)));
        }

        private static String unescape(String html) {
            return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#61;", "=");
        }

        private static String form(Map<String, String> fields) {
            return new LinkedHashMap<>(fields).entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }

        private static Map<String, String> query(URI uri) {
            return java.util.Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2))
                    .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> a));
        }
    }
}
