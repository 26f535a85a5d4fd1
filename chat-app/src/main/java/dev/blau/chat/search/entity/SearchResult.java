package dev.blau.chat.search.entity;

import java.util.List;

import dev.blau.chat.messages.entity.Message;

/**
 * One message found: as history shows it, with its room's name (to group results by room) and
 * where its text matches, as half-open {@code [start, end)} offsets into {@code message.text}.
 */
public record SearchResult(Message message, String roomName, List<int[]> highlights) {
}
