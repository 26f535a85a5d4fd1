package dev.blau.chat.messages.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A file sent with a message, as the message carries it: enough to show it (name, type, size,
 * an image's dimensions) without asking anything else. The bytes are at {@code url}, for the
 * room's members only; {@code thumbnailUrl} is there when the server made a thumbnail.
 */
@JsonbPropertyOrder({"id", "name", "contentType", "size", "width", "height", "url", "thumbnailUrl"})
public record Attachment(String id, String name, String contentType, long size, Integer width, Integer height,
                         String url, String thumbnailUrl) {

    /** Where the API serves a file's bytes, relative to the server's root. */
    public static final String FILES_PATH = "/api/v1/chat/files/";

    public static Attachment of(String id, String name, String contentType, long size, Integer width, Integer height,
                                boolean thumbnail) {
        return new Attachment(id, name, contentType, size, width, height, FILES_PATH + id,
                thumbnail ? FILES_PATH + id + "/thumbnail" : null);
    }

    public boolean hasThumbnail() {
        return thumbnailUrl != null;
    }
}
