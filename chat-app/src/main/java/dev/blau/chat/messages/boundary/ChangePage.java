package dev.blau.chat.messages.boundary;

import java.util.List;

import dev.blau.chat.messages.entity.Message;

/** {@code {"messages","version","hasMore"}}: the current state of what changed, up to {@code version}. */
public record ChangePage(List<Message> messages, long version, boolean hasMore) {
}
