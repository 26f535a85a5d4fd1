package dev.blau.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * The local stack's Keycloak as its administrator sees it (the local-development admin
 * account), for what tests must arrange behind auth-app's back: a user who never registered
 * through BLAU, an extra signing key whose private half the test holds.
 */
public final class KeycloakAdmin {

    private final Api keycloak;
    private final String realm;

    public KeycloakAdmin(URI keycloakUrl, String realm) {
        this.keycloak = new Api(keycloakUrl);
        this.realm = realm;
    }

    /** The local stack's Keycloak (property {@code blau.keycloak.url}). */
    public static KeycloakAdmin ofLocalStack() {
        return new KeycloakAdmin(URI.create(System.getProperty("blau.keycloak.url", "http://localhost:18080")), "blau");
    }

    public String issuer() {
        return keycloak.base() + "/realms/" + realm;
    }

    /** A token of the local-development admin account of the master realm. */
    public String adminToken() {
        Api.Answer token = keycloak.send(HttpRequest.newBuilder(keycloak.base().resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin")));
        if (token.status() != 200) {
            throw new IllegalStateException("admin sign-in failed: " + token.status());
        }
        return token.json().getString("access_token");
    }

    /** A token of auth-app's service account: audience blau, but not the role "user". */
    public String serviceAccountToken(String clientId, String secret) {
        Api.Answer token = keycloak.send(HttpRequest.newBuilder(keycloak.base().resolve("/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8))));
        if (token.status() != 200) {
            throw new IllegalStateException("client credentials failed: " + token.status());
        }
        return token.json().getString("access_token");
    }

    /** Disables a user, as an administrator would in Keycloak's console. */
    public void disable(String userId) {
        Api.Answer disabled = keycloak.send("PUT", "/admin/realms/" + realm + "/users/" + userId, adminToken(),
                "{\"enabled\":false}");
        if (disabled.status() != 204) {
            throw new IllegalStateException("user not disabled: " + disabled);
        }
    }

    /**
     * Grants a realm role (e.g. {@code admin}) to a user, as an administrator would in
     * Keycloak's console. Tokens issued before carry the old roles: sign the user in again.
     */
    public void grantRealmRole(String userId, String role) {
        String token = adminToken();
        Api.Answer found = keycloak.send("GET", "/admin/realms/" + realm + "/roles/" + role, token, null);
        if (found.status() != 200) {
            throw new IllegalStateException("no realm role " + role + ": " + found);
        }
        JsonObject representation = found.json();
        String roles = Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("id", representation.getString("id")).add("name", representation.getString("name"))).build().toString();
        Api.Answer granted = keycloak.send("POST", "/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm",
                token, roles);
        if (granted.status() != 204) {
            throw new IllegalStateException("role " + role + " not granted: " + granted);
        }
    }

    /** The names of the realm roles the user holds directly. */
    public java.util.List<String> realmRoles(String userId) {
        Api.Answer roles = keycloak.send("GET", "/admin/realms/" + realm + "/users/" + userId + "/role-mappings/realm",
                adminToken(), null);
        if (roles.status() != 200) {
            throw new IllegalStateException("no roles of " + userId + ": " + roles);
        }
        return roles.jsonArray().getValuesAs(JsonObject.class).stream().map(r -> r.getString("name")).sorted().toList();
    }

    /** The user as Keycloak's admin API shows it ({@code username}, {@code enabled}, ...). */
    public JsonObject user(String userId) {
        Api.Answer user = keycloak.send("GET", "/admin/realms/" + realm + "/users/" + userId, adminToken(), null);
        if (user.status() != 200) {
            throw new IllegalStateException("no user " + userId + ": " + user);
        }
        return user.json();
    }

    /** The id of the user with exactly this username. */
    public String userIdOf(String username) {
        Api.Answer found = keycloak.send("GET", "/admin/realms/" + realm + "/users?exact=true&username="
                + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8), adminToken(), null);
        if (found.status() != 200 || found.jsonArray().size() != 1) {
            throw new IllegalStateException("no user " + username + ": " + found);
        }
        return found.jsonArray().getJsonObject(0).getString("id");
    }

    /** What Keycloak's brute-force detection knows of the user ({@code disabled}, {@code numFailures}, ...). */
    public JsonObject bruteForceStatus(String userId) {
        Api.Answer status = keycloak.send("GET", "/admin/realms/" + realm + "/attack-detection/brute-force/users/" + userId,
                adminToken(), null);
        if (status.status() != 200) {
            throw new IllegalStateException("no brute-force status of " + userId + ": " + status);
        }
        return status.json();
    }

    /**
     * Waits until Keycloak has recorded {@code failures} failed sign-ins of the user. It records
     * each after answering, and refuses the account's next sign-in while it still does (as a
     * concurrent attempt, whatever the password): a person trying again is never that quick, a
     * test is, on a busy machine.
     */
    public void awaitRecordedFailures(String userId, int failures) {
        org.awaitility.Awaitility.await("Keycloak records " + failures + " failed sign-ins")
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> bruteForceStatus(userId).getInt("numFailures", 0) >= failures);
    }

    /** The user's active Keycloak sessions. */
    public JsonArray sessions(String userId) {
        Api.Answer sessions = keycloak.send("GET", "/admin/realms/" + realm + "/users/" + userId + "/sessions", adminToken(), null);
        if (sessions.status() != 200) {
            throw new IllegalStateException("no sessions of " + userId + ": " + sessions);
        }
        return sessions.jsonArray();
    }

    /** The realm's settings as Keycloak's admin API shows them ({@code accessTokenLifespan}, ...). */
    public JsonObject realm() {
        Api.Answer realmSettings = keycloak.send("GET", "/admin/realms/" + realm, adminToken(), null);
        if (realmSettings.status() != 200) {
            throw new IllegalStateException("realm not read: " + realmSettings);
        }
        return realmSettings.json();
    }

    /** Changes some of the realm's settings (the fields given), as an administrator would. */
    public void updateRealm(JsonObject changes) {
        Api.Answer updated = keycloak.send("PUT", "/admin/realms/" + realm, adminToken(), changes.toString());
        if (updated.status() != 204) {
            throw new IllegalStateException("realm not updated: " + updated);
        }
    }

    /** Creates a user straight in Keycloak, as single sign-on or an admin would; returns its id. */
    public String createUser(String username, String email, String password) {
        String user = Json.createObjectBuilder().add("username", username).add("email", email).add("enabled", true)
                .add("credentials", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "password").add("value", password).add("temporary", false)))
                .build().toString();
        return create(user);
    }

    /**
     * Creates a user straight in Keycloak who already set up an authenticator app: TOTP (SHA-1,
     * 6 digits, 30 s) with {@code secret} as the key's bytes, as Keycloak stores one. Returns its id.
     */
    public String createUserWithAuthenticatorApp(String username, String email, String password, String secret) {
        String user = Json.createObjectBuilder().add("username", username).add("email", email).add("enabled", true)
                .add("credentials", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "password").add("value", password).add("temporary", false))
                        .add(Json.createObjectBuilder().add("type", "otp").add("userLabel", "phone")
                                .add("secretData", Json.createObjectBuilder().add("value", secret).build().toString())
                                .add("credentialData", Json.createObjectBuilder().add("subType", "totp").add("digits", 6)
                                        .add("counter", 0).add("period", 30).add("algorithm", "HmacSHA1").build().toString())))
                .build().toString();
        return create(user);
    }

    private String create(String user) {
        Api.Answer created = keycloak.send("POST", "/admin/realms/" + realm + "/users", adminToken(), user);
        if (created.status() != 201) {
            throw new IllegalStateException("user not created: " + created);
        }
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The types of the user's credentials ({@code password}, {@code otp}, ...). */
    public java.util.List<String> credentialTypes(String userId) {
        Api.Answer credentials = keycloak.send("GET", "/admin/realms/" + realm + "/users/" + userId + "/credentials", adminToken(), null);
        if (credentials.status() != 200) {
            throw new IllegalStateException("no credentials of " + userId + ": " + credentials);
        }
        return credentials.jsonArray().stream().map(c -> c.asJsonObject().getString("type")).toList();
    }

    /**
     * Adds an RSA signing key whose private key the test supplies, at a priority below the
     * realm's own key (Keycloak keeps signing with its key; the new one is only published in
     * the JWKS). Returns the component id; {@link #kidOf(String)} gives the key id.
     */
    public String addSigningKey(String name, String privateKeyPem) {
        String realmId = keycloak.send("GET", "/admin/realms/" + realm, adminToken(), null).json().getString("id");
        String component = Json.createObjectBuilder()
                .add("name", name).add("providerId", "rsa").add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", realmId)
                .add("config", Json.createObjectBuilder()
                        .add("priority", Json.createArrayBuilder().add("-100"))
                        .add("enabled", Json.createArrayBuilder().add("true"))
                        .add("active", Json.createArrayBuilder().add("true"))
                        .add("algorithm", Json.createArrayBuilder().add("RS256"))
                        .add("privateKey", Json.createArrayBuilder().add(privateKeyPem)))
                .build().toString();
        Api.Answer created = keycloak.send("POST", "/admin/realms/" + realm + "/components", adminToken(), component);
        if (created.status() != 201) {
            throw new IllegalStateException("key not added: " + created);
        }
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public String kidOf(String componentId) {
        JsonArray keys = keycloak.send("GET", "/admin/realms/" + realm + "/keys", adminToken(), null).json().getJsonArray("keys");
        return keys.stream().map(JsonObject.class::cast)
                .filter(key -> componentId.equals(key.getString("providerId", "")))
                .map(key -> key.getString("kid"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no key of component " + componentId));
    }

    public void removeComponent(String componentId) {
        keycloak.send("DELETE", "/admin/realms/" + realm + "/components/" + componentId, adminToken(), null);
    }

    /** The realm's own signing key as published: its key id and the RSA public key. */
    public JsonObject realmSigningJwk() {
        Api.Answer jwks = keycloak.get("/realms/" + realm + "/protocol/openid-connect/certs");
        return jwks.json().getJsonArray("keys").stream().map(JsonObject.class::cast)
                .filter(key -> "RS256".equals(key.getString("alg", "")) && "sig".equals(key.getString("use", "sig")))
                .findFirst().orElseThrow();
    }

    /** PEM text of a DER-encoded key, e.g. {@code pem("PRIVATE KEY", key.getEncoded())}. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----";
    }

}
