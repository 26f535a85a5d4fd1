package dev.blau.chat.messages.boundary;

import java.util.List;

import dev.blau.chat.messages.entity.Message;

/** {@code {"messages":[...],"hasMore"}} */
public record MessagePage(List<Message> messages, boolean hasMore) {
}
