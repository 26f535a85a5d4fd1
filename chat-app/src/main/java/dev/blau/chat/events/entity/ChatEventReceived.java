package dev.blau.chat.events.entity;

/**
 * A chat event that arrived from the event stream (from this server or another), fired as a
 * CDI event so the parts that act on it (the live connections) observe it and nobody polls.
 */
public record ChatEventReceived(ChatEvent event) {
}
