package dev.blau.chat.rooms.entity;

/** {@code {"id","username","displayName","role","status"}}: a member with role and presence. */
public record MemberView(String id, String username, String displayName, String role, String status) {
}
