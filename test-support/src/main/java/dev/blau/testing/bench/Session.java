package dev.blau.testing.bench;

import java.util.concurrent.CompletableFuture;

import jakarta.json.JsonObject;

import dev.blau.testing.Api;
import dev.blau.testing.Users;

/**
 * One user's tokens: signed in with the password, renewed with the refresh token (which
 * rotates). Expiry on the generator's own clock, from {@code expiresIn}.
 */
final class Session {

    private final BenchUser user;
    private volatile String accessToken;
    private volatile String refreshToken;
    private volatile long expiresAtNanos;
    private volatile long lifetimeNanos;

    Session(BenchUser user) {
        this.user = user;
    }

    BenchUser user() {
        return user;
    }

    String accessToken() {
        return accessToken;
    }

    String refreshToken() {
        return refreshToken;
    }

    long expiresAtNanos() {
        return expiresAtNanos;
    }

    /** How long the last access token was given for ({@code expiresIn}). */
    long lifetimeNanos() {
        return lifetimeNanos;
    }

    /** Signs in with a refresh token a previous run left, else (or when it no longer works) with the password; blocking. */
    void signIn(BenchHttp http, String cachedRefreshToken) {
        if (cachedRefreshToken != null) {
            long asked = System.nanoTime();
            Api.Answer answer = http.send("POST", "/api/v1/auth/refresh", null, Users.refreshToken(cachedRefreshToken));
            if (answer.status() == 200) {
                take(answer.json(), asked);
                return;
            }
        }
        login(http);
    }

    /** Signs in with the password (blocking: setup only). */
    void login(BenchHttp http) {
        long asked = System.nanoTime();
        Api.Answer answer = http.send("POST", "/api/v1/auth/login", null, Users.credentials(user.username(), user.password()));
        if (answer.status() != 200) {
            throw RetryLater.failure("login of " + user.username() + " failed", answer);
        }
        take(answer.json(), asked);
    }

    /** Renews the tokens; signs in again when the refresh token is no longer accepted. */
    CompletableFuture<Void> renew(BenchHttp http) {
        long asked = System.nanoTime();
        return http.sendAsync("POST", "/api/v1/auth/refresh", null, Users.refreshToken(refreshToken))
                .thenCompose(answer -> {
                    if (answer.status() == 200) {
                        take(answer.json(), asked);
                        return CompletableFuture.completedFuture(null);
                    }
                    if (answer.status() == 401) {
                        return http.sendAsync("POST", "/api/v1/auth/login", null,
                                Users.credentials(user.username(), user.password())).thenAccept(login -> {
                                    if (login.status() != 200) {
                                        throw new IllegalStateException("login of " + user.username() + " failed: " + login);
                                    }
                                    take(login.json(), asked);
                                });
                    }
                    throw RetryLater.failure("refresh of " + user.username() + " failed", answer);
                });
    }

    private void take(JsonObject tokens, long askedNanos) {
        accessToken = tokens.getString("accessToken");
        refreshToken = tokens.getString("refreshToken");
        lifetimeNanos = tokens.getJsonNumber("expiresIn").longValue() * 1_000_000_000L;
        expiresAtNanos = askedNanos + lifetimeNanos;
    }
}
