package dev.blau.chat.messages.entity;

/** What a reply answers: the root's seq, who wrote it and the start of its text when the reply was sent. */
public record ReplyTo(long seq, String senderName, String excerpt) {

    public static final int EXCERPT_LENGTH = 120;

    public static ReplyTo of(Message root) {
        String text = root.text();
        int end = Math.min(text.length(), EXCERPT_LENGTH);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half an emoji
        }
        return new ReplyTo(root.seq(), root.senderName(), end < text.length() ? text.substring(0, end) + "…" : text);
    }
}
