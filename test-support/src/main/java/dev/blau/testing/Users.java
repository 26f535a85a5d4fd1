package dev.blau.testing;

import java.util.UUID;

import jakarta.json.Json;

/** Registers and signs in throw-away users through auth-app, as a client would. */
public final class Users {

    public static final String PASSWORD = "correct horse battery";

    private final Api api;

    public Users(Api api) {
        this.api = api;
    }

    /** A username no other test run uses. */
    public static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String registration(String username, String email, String password) {
        return Json.createObjectBuilder().add("username", username).add("email", email)
                .add("password", password).build().toString();
    }

    public static String credentials(String username, String password) {
        return Json.createObjectBuilder().add("username", username).add("password", password).build().toString();
    }

    public static String refreshToken(String token) {
        return Json.createObjectBuilder().add("refreshToken", token).build().toString();
    }

    /** Registers a new user; returns its username. */
    public String register(String prefix) {
        String username = uniqueName(prefix);
        Api.Answer registered = api.post("/api/v1/auth/register", registration(username, username + "@example.test", PASSWORD));
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        return username;
    }

    /** Signs in; returns the access token. */
    public String accessToken(String username) {
        Api.Answer login = api.post("/api/v1/auth/login", credentials(username, PASSWORD));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return login.json().getString("accessToken");
    }
}
