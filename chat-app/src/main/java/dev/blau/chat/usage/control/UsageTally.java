package dev.blau.chat.usage.control;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What one batch of stored messages adds to the days' usage: counted in memory, written once. */
public final class UsageTally {

    record DayAndId(LocalDate day, String id) {
    }

    final Map<LocalDate, Long> messages = new HashMap<>();
    final Set<DayAndId> activeUsers = new HashSet<>();
    final Set<DayAndId> activeRooms = new HashSet<>();

    /** A message stored for the first time, on the (UTC) day it was sent. */
    public void message(Instant sentAt, String roomId, String senderId) {
        LocalDate day = LocalDate.ofInstant(sentAt, ZoneOffset.UTC);
        messages.merge(day, 1L, Long::sum);
        activeUsers.add(new DayAndId(day, senderId));
        activeRooms.add(new DayAndId(day, roomId));
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
