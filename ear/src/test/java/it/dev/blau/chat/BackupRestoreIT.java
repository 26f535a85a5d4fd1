package it.dev.blau.chat;

import static dev.blau.testing.ChatSocket.frame;
import static dev.blau.testing.ChatSocket.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.blau.testing.Api;
import dev.blau.testing.Chat;
import dev.blau.testing.ChatSocket;
import dev.blau.testing.ChatUser;
import dev.blau.testing.LocalStackControl;
import dev.blau.testing.Users;

/**
 * The deployment guide's back-up-and-restore round trip, on the local stack: PostgreSQL with
 * {@code pg_dump -Fc} and {@code pg_restore --clean --if-exists --no-owner} (the guide's
 * commands), the message store by copying its file while it is stopped (the local stack's
 * stand-in for mongodump, which has no local store to run against), the chat servers stopped
 * during the restore as the guide says. Afterwards the system is as it was at the backup, and
 * chat resumes from there: no hole, no seq taken twice, live delivery on every server.
 */
class BackupRestoreIT {

    /** The chat server the local stack runs beside this build's ear server. */
    private static final String SECOND_CHAT_SERVER = "chat-app-2";
    /** This build's ear server is Liberty's own (started by the build, not the stack): its server script restarts it. */
    private static final Path EAR_SERVER_SCRIPT = Path.of(System.getProperty("blau.ear.wlp.dir",
            "target/liberty/wlp"), "bin", "server");

    private final Chat chat = new Chat(Api.underTest());
    private final Chat two = new Chat(new Api(URI.create(System.getProperty("blau.second.chat.url", "http://localhost:9083"))));
    private final LocalStackControl stack = LocalStackControl.ofThisBuild();

    @TempDir
    Path backups;

    @Test
    void aRestoreBringsBackTheBackupsStateAndChatResumesFromIt() throws Exception {
        ChatUser ana = chat.newUser("ana");
        ChatUser bruno = chat.newUser("bruno");
        String room = chat.createRoom(ana, "private", bruno);
        try (ChatSocket socket = chat.connect(ana)) {
            socket.join(room, 0L);
            for (int i = 1; i <= 3; i++) {
                int mark = socket.size();
                socket.send(frame("send_message", "roomId", room, "clientMsgId", "before-" + i, "text", "before " + i));
                socket.await(type("ack"), mark);
            }
        }

        Map<String, String> env = stack.environment();
        Path dump = backups.resolve("blau.dump");
        Path store = backups.resolve("store.mv");
        postgres(env, "pg_dump", "-Fc", "-f", dump.toString());
        stack.backup("mongodb", store);
        assertTrue(Files.size(dump) > 0 && Files.size(store) > 0, "both backups hold something");

        // what happens after the backup is what a restore takes back; the store was away for the
        // copy, so the chat server may answer 503 + Retry-After until it sees it again: a client
        // retries with the same clientMsgId, which stores the message once
        ChatUser sender = ana;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> chat.send(sender, room, "after-1", "after the backup").status(), status -> status == 201);
        String laterRoom = chat.createRoom(ana, "public");

        // the writers stopped first, as the guide says: a chat server keeps each room's head in memory
        stack.stop(SECOND_CHAT_SERVER);
        CompletableFuture<Void> secondBack = null;
        try {
            run(List.of(EAR_SERVER_SCRIPT.toString(), "stop", "ear"), Map.of());
            try {
                postgres(env, "pg_restore", "--clean", "--if-exists", "--no-owner", dump.toString());
                stack.restore("mongodb", store);
            } finally {
                // both servers start side by side: each takes half a minute or more on its own
                secondBack = CompletableFuture.runAsync(() -> stack.start(SECOND_CHAT_SERVER));
                run(List.of(EAR_SERVER_SCRIPT.toString(), "start", "ear"), Map.of());
            }
        } finally {
            if (secondBack == null) {
                stack.start(SECOND_CHAT_SERVER);
            } else {
                secondBack.join();
            }
        }
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> chat.api().get("/health/ready").status(), status -> status == 200);

        // the servers restarted: sign in again rather than lean on tokens from before
        Users users = new Users(chat.api());
        ana = new ChatUser(ana.id(), ana.username(), users.accessToken(ana.username()));
        bruno = new ChatUser(bruno.id(), bruno.username(), users.accessToken(bruno.username()));

        List<String> texts = chat.history(ana, room, "?after=0").getJsonArray("messages").stream()
                .map(JsonObject.class::cast).map(m -> m.getString("text")).toList();
        assertEquals(List.of("before 1", "before 2", "before 3"), texts, "the room as it was at the backup");
        assertEquals(404, chat.call("GET", ana, "/rooms/" + laterRoom + "/messages", null).status(),
                "a room created after the backup is gone with it");
        String roomList = chat.call("GET", ana, "/rooms", null).body();
        assertTrue(roomList.contains(room), roomList);
        assertFalse(roomList.contains(laterRoom), roomList);

        // Bruno had read up to 3 and resumes from there; Ana sends on the other server
        try (ChatSocket brunoSocket = chat.connect(bruno);
             ChatSocket anaSocket = two.connect(ana)) {
            assertEquals(3, brunoSocket.join(room, 3L).getJsonNumber("lastSeq").longValue(),
                    "joined names the restored head, so a client that saw more can tell");
            anaSocket.join(room, 3L);
            int mark = anaSocket.size();
            anaSocket.send(frame("send_message", "roomId", room, "clientMsgId", "resumed", "text", "after the restore"));
            JsonObject ack = anaSocket.await(type("ack"), mark);
            assertEquals(4, ack.getJsonObject("message").getJsonNumber("seq").longValue(),
                    "the next seq follows the restored head: no hole, none taken twice");
            JsonObject live = brunoSocket.await(f -> "message_received".equals(f.getString("type", null))
                    && "after the restore".equals(f.getJsonObject("message").getString("text")));
            assertEquals(4, live.getJsonObject("message").getJsonNumber("seq").longValue());
        }
    }

    /** Runs a PostgreSQL client program of the machine against the stack's database. */
    private static void postgres(Map<String, String> env, String program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(program, "-h", env.get("POSTGRES_HOSTNAME"),
                "-p", env.get("POSTGRES_PORT"), "-U", env.get("POSTGRES_USER"), "-d", env.get("POSTGRES_DB")));
        command.addAll(List.of(args));
        run(command, Map.of("PGPASSWORD", env.get("POSTGRES_PASSWORD")));
    }

    private static void run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), command + " did not finish");
        assertEquals(0, process.exitValue(), command + " failed: " + output);
    }
}
