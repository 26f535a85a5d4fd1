package dev.blau.chat.bots.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class BotTokensTest {

    @Test
    void aTokenNamesItsBotAndOnlyItsHashIsKept() {
        String token = BotTokens.newToken("b0t-id");
        assertEquals(Optional.of("b0t-id"), BotTokens.botId(token));
        String hash = BotTokens.hash(token);
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertFalse(hash.contains(token.substring(token.indexOf('.') + 1)));
        assertTrue(BotTokens.matches(token, hash));
        assertFalse(BotTokens.matches(token + "x", hash));
        assertFalse(BotTokens.matches(BotTokens.newToken("b0t-id"), hash), "another secret of the same bot");
        assertNotEquals(hash, BotTokens.hash(token), "salted");
    }

    @Test
    void whatIsNotShapedLikeABotTokenNamesNoBot() {
        for (String bad : new String[] {null, "", "nodot", ".secret", "id.", "x".repeat(BotTokens.MAX_LENGTH) + ".y"}) {
            assertEquals(Optional.empty(), BotTokens.botId(bad), String.valueOf(bad));
        }
    }
}
