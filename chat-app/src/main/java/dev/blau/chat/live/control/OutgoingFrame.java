package dev.blau.chat.live.control;

/**
 * A server → client frame, serialized once however many sockets it goes to; {@code bytes} is
 * its UTF-8 size, what it costs a connection's queue.
 */
public record OutgoingFrame(String text, int bytes) {

    public static OutgoingFrame of(String text) {
        return new OutgoingFrame(text, utf8Length(text));
    }

    static int utf8Length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
