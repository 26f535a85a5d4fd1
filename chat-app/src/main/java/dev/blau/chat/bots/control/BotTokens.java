package dev.blau.chat.bots.control;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Bot tokens: {@code <botId>.<256 random bits>}, so the bot is found by its id and one hash is
 * checked. Only the Argon2id hash is stored (OWASP's minimum: 19 MiB, 2 passes), in PHC form,
 * so stronger settings later still verify the hashes made before.
 */
final class BotTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    private static final int SALT_BYTES = 16;
    static final int MAX_LENGTH = 200;

    private BotTokens() {
    }

    static String newToken(String botId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return botId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String hash(String token) {
        return Password.hash(token).addRandomSalt(SALT_BYTES).with(ARGON2).getResult();
    }

    static boolean matches(String token, String hash) {
        return Password.check(token, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** The bot id a token names; empty for anything that is not shaped like a bot token. */
    static Optional<String> botId(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        return dot <= 0 || dot == token.length() - 1 ? Optional.empty() : Optional.of(token.substring(0, dot));
    }
}
