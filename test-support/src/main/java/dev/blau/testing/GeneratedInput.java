package dev.blau.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * Hostile input for the fuzzing tests: text, JSON values, numbers and objects of the fields the
 * API knows with values of every kind, drawn from one seed. The seed is
 * {@code -Dblau.fuzz.seed} when given, else new each run; every failure message names it so
 * the same cases can be replayed.
 */
public final class GeneratedInput {

    private static final String JSON_PUNCTUATION = "{}[]\":,0123456789.eE+-tfnul\\ ab";
    private static final List<String> EDGE_NUMBERS = List.of("0", "-0", "-1", "1.0", "1.5", "1e3", "1E18", "1e19",
            "0.0", "2.50e1", "9223372036854775807", "9223372036854775808", "18446744073709551617", "1e400", "-1e400",
            "1e1000000000", "1e-1000000000");
    private static final List<String> EDGE_TEXTS = List.of("", " ", "null", "\u0000", "é", "👍🏽", "%",
            "../..", "x".repeat(4001), "<script>", "'; DROP TABLE rooms; --");

    public final long seed;
    private final SplittableRandom random;

    public GeneratedInput(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The seed given with {@code -Dblau.fuzz.seed}, else a new one. */
    public static GeneratedInput fromSeedProperty() {
        String given = System.getProperty("blau.fuzz.seed");
        return new GeneratedInput(given == null || given.isBlank() ? new SplittableRandom().nextLong() : Long.parseLong(given));
    }

    public int between(int least, int most) {
        return random.nextInt(least, most + 1);
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Any text: random code points, JSON-like punctuation, deep nesting, or an edge case. */
    public String text(int maxLength) {
        return switch (random.nextInt(6)) {
            case 0 -> codePoints(maxLength);
            case 1, 2 -> fromAlphabet(JSON_PUNCTUATION, maxLength);
            case 3 -> "[".repeat(between(1, 5000)) + "]".repeat(between(0, 5000));
            case 4 -> "{\"type\":".repeat(between(1, 3000)) + "1" + "}".repeat(between(0, 3000));
            default -> oneOf(EDGE_TEXTS);
        };
    }

    /** A short string of arbitrary code points (no lone surrogates: no client can send those as text). */
    public String codePoints(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = between(0, maxLength);
        while (text.length() < length) {
            int codePoint = chance(70) ? between(0x20, 0x7e) : between(0, 0x10ffff);
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    private String fromAlphabet(String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = between(0, maxLength);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** A JSON number as text: any long, a huge integer, a decimal of any scale, an exponent, or an edge case. */
    public String number() {
        return switch (random.nextInt(5)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> new BigInteger(between(64, 140), new java.util.Random(random.nextLong()))
                    .multiply(BigInteger.valueOf(chance(50) ? 1 : -1)).toString();
            case 2 -> new BigDecimal(BigInteger.valueOf(random.nextLong(-1000, 1_000_000)), between(-30, 30)).toString();
            case 3 -> "1e" + between(-40, 1_000_000_000);
            default -> oneOf(EDGE_NUMBERS);
        };
    }

    /** A JSON value of any kind, of small size. */
    public JsonValue value() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> Json.createValue(chance(80) ? codePoints(30) : oneOf(EDGE_TEXTS));
            case 2 -> Json.createValue(new BigDecimal(number()));
            case 3 -> oneOf(List.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
            case 4 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (int i = between(0, 3); i > 0; i--) {
                    array.add(codePoints(10));
                }
                yield array.build();
            }
            case 5 -> JsonValue.EMPTY_JSON_OBJECT;
            default -> Json.createValue(between(0, 3));
        };
    }

    /** An object of some of these fields (each present or not) with values of any kind. */
    public JsonObjectBuilder object(List<String> fields) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (String field : fields) {
            if (chance(40)) {
                object.add(field, value());
            }
        }
        return object;
    }

    @Override
    public String toString() {
        return "generated input, seed " + seed + " (replay with -Dblau.fuzz.seed=" + seed + ")";
    }
}
