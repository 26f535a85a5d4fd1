package dev.blau.chat.retention.control;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.blau.chat.messages.control.MessageStore;
import dev.blau.chat.messages.control.Messages;
import dev.blau.chat.messages.entity.Message;

/** One room's share of a sweep, in one transaction that holds the room (see {@link RetentionSweep}). */
@ApplicationScoped
public class RoomExpiry {

    private static final int PAGE = 100;

    @Inject
    RetentionPolicy policy;

    @Inject
    MessageStore store;

    @Inject
    Messages messages;

    /** How far one room's share went: messages looked at, and of them expired (the rest were deleted already). */
    public record Done(int examined, int expired) {
    }

    /** Looks at up to {@code budget} messages from where the room stopped, expiring those sent before {@code cutoff}. */
    @Transactional
    public Done expire(RetentionPolicy.RoomRetention room, Instant cutoff, int budget) {
        if (!policy.tryLock(room.roomId())) {
            return new Done(0, 0); // another server is on it
        }
        long through = room.throughSeq();
        int examined = 0;
        int expired = 0;
        boolean more = true;
        while (more && examined < budget) {
            // most sweeps find the room's next message still within the retention: ask for one first
            int size = examined == 0 ? 1 : Math.min(PAGE, budget - examined);
            List<Message> page = store.after(room.roomId(), through, size);
            more = !page.isEmpty();
            for (Message message : page) {
                if (!message.createdAt().isBefore(cutoff)) { // seqs follow time: the rest is newer
                    more = false;
                    break;
                }
                if (!message.isDeleted()) {
                    messages.expire(message);
                    expired++;
                }
                examined++;
                through = message.seq();
            }
        }
        if (through > room.throughSeq()) {
            policy.expiredThrough(room.roomId(), through);
        }
        return new Done(examined, expired);
    }
}
