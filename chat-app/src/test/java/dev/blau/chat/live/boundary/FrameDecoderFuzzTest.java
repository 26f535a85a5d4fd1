package dev.blau.chat.live.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import dev.blau.chat.live.entity.Command;
import dev.blau.testing.GeneratedInput;

/**
 * Whatever a client sends, the decoder answers a command or a refusal with one of the codes the
 * protocol names — never another exception — and a command carries exactly what the frame said.
 */
class FrameDecoderFuzzTest {

    static final Set<String> REFUSAL_CODES = Set.of("malformed-frame", "unknown-type", "validation");
    static final List<String> TYPES = List.of("join_room", "leave_room", "send_message", "edit_message",
            "delete_message", "react", "typing", "mark_read", "set_status", "ping", "auth", "nope", "");
    static final List<String> FIELDS = List.of("roomId", "clientMsgId", "ref", "text", "lastSeq", "sinceVersion",
            "replyToSeq", "seq", "emoji", "on", "typing", "status", "token");
    static final BigDecimal LARGEST_SEQ = BigDecimal.valueOf(Long.MAX_VALUE);

    final GeneratedInput input = GeneratedInput.fromSeedProperty();

    @Test
    void anyTextIsACommandOrARefusalWithAKnownCode() {
        for (int i = 0; i < 3000; i++) {
            decodeOrRefuse(input.text(200));
        }
    }

    @Test
    void anyFrameOfKnownFieldsIsACommandOrARefusalWithAKnownCodeAndACommandSaysWhatTheFrameSaid() {
        for (int i = 0; i < 5000; i++) {
            JsonObject frame = input.object(FIELDS).add("type", input.oneOf(TYPES)).build();
            Command command = decodeOrRefuse(frame.toString());
            if (command instanceof Command.SendMessage send) {
                assertEquals(frame.get("roomId"), Json.createValue(send.roomId()), this::toString);
                assertEquals(frame.get("clientMsgId"), Json.createValue(send.clientMsgId()), this::toString);
                assertEquals(frame.get("text"), Json.createValue(send.text()), this::toString);
            } else if (command instanceof Command.React react) {
                assertEquals(frame.get("on"), react.on() ? JsonValue.TRUE : JsonValue.FALSE, this::toString);
                assertEquals(frame.get("emoji"), Json.createValue(react.emoji()), this::toString);
            }
        }
    }

    @Test
    void aSeqIsTakenOnlyWhenItIsAWholeNumberThatFitsAndThenExactlyAsWritten() {
        for (int i = 0; i < 3000; i++) {
            String number = input.number();
            String frame = "{\"type\":\"mark_read\",\"roomId\":\"r\",\"seq\":" + number + "}";
            BigDecimal value = new BigDecimal(number);
            boolean fits = value.signum() >= 0 && value.compareTo(LARGEST_SEQ) <= 0
                    && (value.signum() == 0 || value.stripTrailingZeros().scale() <= 0);
            if (fits) {
                Command command = FrameDecoder.decode(frame);
                assertEquals(value.longValueExact(), ((Command.MarkRead) command).seq(), () -> frame + ", " + input);
            } else {
                FrameDecoder.InvalidFrame refusal = assertThrows(FrameDecoder.InvalidFrame.class,
                        () -> FrameDecoder.decode(frame), () -> frame + ", " + input);
                assertEquals("validation", refusal.code, () -> frame + ", " + input);
            }
        }
    }

    @Test
    void aStringHoldingNulIsRefusedBeforeItReachesTheDatabase() { // PostgreSQL text cannot hold U+0000
        for (String frame : List.of("{\"type\":\"join_room\",\"roomId\":\"\\u0000\"}",
                "{\"type\":\"send_message\",\"roomId\":\"r\",\"clientMsgId\":\"c\",\"text\":\"a\\u0000b\"}",
                "{\"type\":\"set_status\",\"status\":\"away\\u0000\"}")) {
            FrameDecoder.InvalidFrame refusal = assertThrows(FrameDecoder.InvalidFrame.class, () -> FrameDecoder.decode(frame), frame);
            assertEquals("validation", refusal.code, frame);
            assertTrue(refusal.getMessage().contains("U+0000"), refusal::getMessage);
        }
        FrameDecoder.InvalidFrame unsent = assertThrows(FrameDecoder.InvalidFrame.class, () -> FrameDecoder.decode(
                "{\"type\":\"send_message\",\"roomId\":\"r\",\"clientMsgId\":\"c1\",\"text\":\"\\u0000\"}"));
        assertEquals("c1", unsent.ref, "the client learns which of its sends was refused");
    }

    Command decodeOrRefuse(String text) {
        try {
            Command command = FrameDecoder.decode(text);
            assertNotNull(command, text);
            return command;
        } catch (FrameDecoder.InvalidFrame refusal) {
            assertTrue(REFUSAL_CODES.contains(refusal.code), () -> refusal.code + " for " + abbreviated(text) + ", " + input);
            assertNotNull(refusal.getMessage());
            return null;
        } catch (RuntimeException e) {
            return fail("not a refusal for " + abbreviated(text) + ", " + input, e);
        }
    }

    static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " characters)";
    }

    @Override
    public String toString() {
        return input.toString();
    }
}
