package dev.blau.chat.files.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.blau.chat.messages.entity.Attachment;

/**
 * A file uploaded to a room. Unsent until a send claims it ({@code clientMsgId}); sent once that
 * message is stored ({@code messageSeq}). Its bytes are in the blob store under {@link #blobKey()}
 * and, for an image, {@link #thumbnailKey()}.
 */
@Entity
@Table(name = "chat_file")
public class ChatFile {

    @Id
    private String id;

    @Column(name = "room_id", nullable = false)
    private String roomId;

    @Column(name = "uploader_id", nullable = false)
    private String uploaderId;

    @Column(nullable = false)
    private String name;

    @Column(name = "content_type", nullable = false)
    private String contentType;

    @Column(nullable = false)
    private long size;

    private Integer width;

    private Integer height;

    @Column(nullable = false)
    private boolean thumbnail;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "client_msg_id")
    private String clientMsgId;

    @Column(name = "message_seq")
    private Long messageSeq;

    protected ChatFile() {
    }

    public ChatFile(String id, String roomId, String uploaderId, String name, String contentType, long size,
                    Integer width, Integer height, boolean thumbnail, Instant createdAt) {
        this.id = id;
        this.roomId = roomId;
        this.uploaderId = uploaderId;
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        this.width = width;
        this.height = height;
        this.thumbnail = thumbnail;
        this.createdAt = createdAt;
    }

    public static String blobKey(String fileId) {
        return fileId;
    }

    public static String thumbnailKey(String fileId) {
        return fileId + ".thumbnail";
    }

    public String blobKey() {
        return blobKey(id);
    }

    public String thumbnailKey() {
        return thumbnailKey(id);
    }

    public Attachment attachment() {
        return Attachment.of(id, name, contentType, size, width, height, thumbnail);
    }

    public String id() {
        return id;
    }

    public String roomId() {
        return roomId;
    }

    public String uploaderId() {
        return uploaderId;
    }

    public String name() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    public long size() {
        return size;
    }

    public boolean hasThumbnail() {
        return thumbnail;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String clientMsgId() {
        return clientMsgId;
    }

    public Long messageSeq() {
        return messageSeq;
    }
}
