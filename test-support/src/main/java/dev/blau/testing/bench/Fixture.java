package dev.blau.testing.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.Users;

/**
 * The users and rooms of a scenario: {@code rooms} public rooms of {@code members} users each
 * (room r holds users r·members … (r+1)·members − 1), or only users when {@code rooms} is 0.
 * Registered through auth-app, rooms created and joined through chat-app, as users do; kept in
 * {@code <cache>/<name>.json} so a second run against the same stack (which keeps its data)
 * only signs everyone in — with the refresh token the last run left when it still works
 * (much cheaper for Keycloak than a password), else with the password. A cache the stack no
 * longer knows (its data was reset) is replaced; a half-built one is completed.
 */
final class Fixture {

    /** What a scenario needs: {@code users} users, of whom the first rooms × members are in rooms. */
    record Spec(String name, int users, int rooms, int members) {

        static Spec rooms(String prefix, int rooms, int members) {
            return new Spec(prefix + "-" + rooms + "x" + members, rooms * members, rooms, members);
        }

        static Spec usersOnly(String prefix, int users) {
            return new Spec(prefix + "-" + users, users, 0, 0);
        }
    }

    /** The signed-in users and the rooms' ids. */
    record Layout(Spec spec, Path file, List<Session> sessions, List<String> roomIds) {

        List<Session> membersOf(int room) {
            return sessions.subList(room * spec.members(), (room + 1) * spec.members());
        }

        int roomOf(int user) {
            return user / spec.members();
        }
    }

    // renewals are due 60–120 s before expiry: the first user signed in renews 30 s after the last one, at the earliest
    private static final Duration SIGN_IN_WINDOW_SHORT_OF_LIFETIME = Duration.ofSeconds(150);

    private final BenchHttp http;
    private final Path cacheDir;
    private final int concurrency;

    Fixture(BenchHttp http, Path cacheDir, int concurrency) {
        this.http = http;
        this.cacheDir = cacheDir;
        this.concurrency = concurrency;
    }

    /** Users and rooms for clients that only call REST: signed in as fast as the server takes it. */
    Layout prepare(Spec spec) {
        return prepare(spec, false);
    }

    /**
     * Users and rooms for clients that will keep sockets open, renewing their tokens: signed in no
     * faster than they will renew. Tokens expire a lifetime after sign-in and clients renew a minute
     * or two before; 2,000 users signed in within two minutes would renew within two minutes, cycle
     * after cycle — a storm a server just started must survive first (it did not, in runs of
     * 2026-12-07). Signed in over the lifetime less 150 s (150 s for Keycloak's 5 minutes), their
     * renewals come at the steady rate from the first one. A lower bound only: password sign-ins
     * slower than the window, or rooms made and joined after signing in, still leave the first users
     * short of token when they connect; those renew in what is left of it (BenchClient.renewalDelay),
     * or before connecting with less than 90 s left.
     */
    Layout prepareToConnect(Spec spec) {
        return prepare(spec, true);
    }

    private Layout prepare(Spec spec, boolean pacedSignIns) {
        Path file = cacheDir.resolve(spec.name() + ".json");
        List<BenchUser> users = new ArrayList<>();
        List<String> rooms = new ArrayList<>();
        Map<String, String> refreshTokens = new HashMap<>();
        read(file, users, rooms, refreshTokens);
        if (!users.isEmpty() && !stillKnown(users.get(0), rooms)) {
            Log.info("the stack no longer knows the cached users of " + file + ": registering new ones");
            users.clear();
            rooms.clear();
        }
        if (users.size() > spec.users()) {
            users.subList(spec.users(), users.size()).clear();
        }
        if (rooms.size() > spec.rooms()) {
            rooms.subList(spec.rooms(), rooms.size()).clear();
        }
        Log.info(String.format("%s: %d of %d users and %d of %d rooms cached in %s", spec.name(), users.size(),
                spec.users(), rooms.size(), spec.rooms(), file));

        int missing = spec.users() - users.size();
        List<BenchUser> registered = Collections.synchronizedList(new ArrayList<>());
        try {
            Parallel.run("registering users", missing, concurrency, i -> registered.add(register()));
        } finally {
            users.addAll(registered); // whatever got registered is kept, even when the rest failed
            write(file, spec, users, rooms, List.of());
        }

        List<Session> sessions = users.stream().map(Session::new).toList();
        IntConsumer signIn = i -> sessions.get(i).signIn(http, refreshTokens.get(sessions.get(i).user().username()));
        if (pacedSignIns && sessions.size() > 1) {
            Parallel.run("signing in the first user", 1, 1, signIn); // its token says how long tokens last
            long window = Math.max(0, sessions.get(0).lifetimeNanos() - SIGN_IN_WINDOW_SHORT_OF_LIFETIME.toNanos());
            Log.info(String.format(Locale.ROOT, "  signing in the others over %d s (tokens last %d s)",
                    window / 1_000_000_000L, sessions.get(0).lifetimeNanos() / 1_000_000_000L));
            Parallel.paced("signing in", sessions.size() - 1, concurrency, window / (sessions.size() - 1),
                    i -> signIn.accept(i + 1));
        } else {
            Parallel.run("signing in", sessions.size(), concurrency, signIn);
        }

        List<String> created = new ArrayList<>(Collections.nCopies(spec.rooms() - rooms.size(), (String) null));
        int firstNew = rooms.size();
        try {
            Parallel.run("creating rooms", created.size(), concurrency,
                    i -> created.set(i, createRoom(sessions.get((firstNew + i) * spec.members()))));
            List<int[]> joins = new ArrayList<>();
            for (int r = firstNew; r < spec.rooms(); r++) {
                for (int m = 1; m < spec.members(); m++) {
                    joins.add(new int[] {r, r * spec.members() + m});
                }
            }
            Parallel.run("joining rooms", joins.size(), concurrency,
                    i -> join(sessions.get(joins.get(i)[1]), created.get(joins.get(i)[0] - firstNew)));
            rooms.addAll(created);
        } finally {
            write(file, spec, users, rooms, sessions); // rooms only once all their members joined
        }
        return new Layout(spec, file, sessions, List.copyOf(rooms));
    }

    /** Keeps the users' current refresh tokens for the next run (they rotate with every renewal). */
    static void remember(Layout layout) {
        write(layout.file(), layout.spec(), layout.sessions().stream().map(Session::user).toList(), layout.roomIds(),
                layout.sessions());
    }

    // only a refused password or a missing room, again and again, means the stack lost them: a stack that
    // just started may answer 503, and even 401 while its identity provider warms up
    private boolean stillKnown(BenchUser user, List<String> rooms) {
        for (int attempt = 1; ; attempt++) {
            Api.Answer login = http.send("POST", "/api/v1/auth/login", null,
                    Users.credentials(user.username(), user.password()));
            Api.Answer room = login.status() != 200 || rooms.isEmpty() ? null
                    : http.send("GET", Chat.BASE + "/rooms/" + rooms.get(0), login.json().getString("accessToken"), null);
            int status = room != null ? room.status() : login.status();
            if (status == 200) {
                return true;
            }
            if (attempt == 5) {
                if (status == 401 || status == 404) {
                    return false;
                }
                throw new IllegalStateException("cannot tell whether the stack knows the cached users: " + status);
            }
            Log.info("checking the cached users: " + status + ", asking again");
            Parallel.sleep(2_000L * attempt);
        }
    }

    private BenchUser register() {
        String username = Users.uniqueName("bench");
        Api.Answer answer = http.send("POST", "/api/v1/auth/register", null,
                Users.registration(username, username + "@example.test", Users.PASSWORD));
        if (answer.status() != 201) {
            throw RetryLater.failure("registration failed", answer);
        }
        return new BenchUser(answer.json().getString("id"), username, Users.PASSWORD);
    }

    String createRoom(Session owner) {
        Api.Answer answer = http.send("POST", Chat.BASE + "/rooms", owner.accessToken(),
                Chat.room("bench " + UUID.randomUUID().toString().substring(0, 8), "public", List.of()));
        if (answer.status() != 201) {
            throw new IllegalStateException("room not created: " + answer);
        }
        return answer.json().getString("id");
    }

    void join(Session member, String roomId) {
        Api.Answer answer = http.send("PUT", Chat.BASE + "/rooms/" + roomId + "/members/me", member.accessToken(), null);
        if (answer.status() != 200) {
            throw new IllegalStateException("join failed: " + answer);
        }
    }

    private static void read(Path file, List<BenchUser> users, List<String> rooms, Map<String, String> refreshTokens) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (var reader = Json.createReader(new StringReader(Files.readString(file)))) {
            JsonObject doc = reader.readObject();
            doc.getJsonArray("users").getValuesAs(JsonObject.class).forEach(u -> {
                users.add(new BenchUser(u.getString("id"), u.getString("username"), u.getString("password")));
                if (u.containsKey("refreshToken")) {
                    refreshTokens.put(u.getString("username"), u.getString("refreshToken"));
                }
            });
            doc.getJsonArray("rooms").getValuesAs(jakarta.json.JsonString.class).forEach(r -> rooms.add(r.getString()));
        } catch (IOException | RuntimeException e) {
            Log.info("ignoring unreadable cache " + file + ": " + e.getMessage());
            users.clear();
            rooms.clear();
        }
    }

    private static void write(Path file, Spec spec, List<BenchUser> users, List<String> rooms, List<Session> sessions) {
        Map<String, String> tokens = new HashMap<>();
        sessions.forEach(s -> {
            if (s.refreshToken() != null) {
                tokens.put(s.user().username(), s.refreshToken());
            }
        });
        JsonArrayBuilder u = Json.createArrayBuilder();
        users.forEach(user -> {
            var entry = Json.createObjectBuilder().add("id", user.id()).add("username", user.username())
                    .add("password", user.password());
            if (tokens.containsKey(user.username())) {
                entry.add("refreshToken", tokens.get(user.username()));
            }
            u.add(entry);
        });
        JsonArrayBuilder r = Json.createArrayBuilder();
        rooms.forEach(r::add);
        String doc = Json.createObjectBuilder().add("name", spec.name()).add("roomCount", spec.rooms())
                .add("membersPerRoom", spec.members()).add("users", u).add("rooms", r).build().toString();
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, doc);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
