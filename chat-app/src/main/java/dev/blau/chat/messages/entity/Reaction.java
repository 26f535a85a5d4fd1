package dev.blau.chat.messages.entity;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One emoji on a message: who chose it, in the order they did; {@code me} only in answers to one user. */
@JsonbPropertyOrder({"emoji", "count", "me", "userIds"})
public record Reaction(String emoji, int count, Boolean me, List<String> userIds) {

    public Reaction {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    Reaction with(String userId) {
        if (userIds.contains(userId)) {
            return this;
        }
        List<String> next = new ArrayList<>(userIds);
        next.add(userId);
        return new Reaction(emoji, next.size(), null, next);
    }

    Reaction without(String userId) {
        if (!userIds.contains(userId)) {
            return this;
        }
        List<String> next = new ArrayList<>(userIds);
        next.remove(userId);
        return new Reaction(emoji, next.size(), null, next);
    }

    Reaction seenBy(String userId) {
        return new Reaction(emoji, count, userIds.contains(userId), userIds);
    }
}
