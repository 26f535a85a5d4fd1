package dev.blau.chat.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class FrameBudgetTest {

    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override public long currentTimeNanos() { return nanos.get(); }
        @Override public boolean isWallClockBased() { return false; }
    };

    @Test
    void aBurstPassesThenFramesWaitForTheRefill() {
        FrameBudget budget = new FrameBudget(20, 200, clock);
        for (int i = 0; i < 200; i++) {
            assertEquals(0, budget.take(), "frame " + i + " is within the burst");
        }
        assertEquals(1, budget.take(), "the next token comes within a second");
        advance(Duration.ofMillis(100)); // two tokens
        assertEquals(0, budget.take());
        assertEquals(0, budget.take());
        assertEquals(1, budget.take());
        assertEquals(2, budget.recentRefusals());
    }

    @Test
    void refusalsAreCountedPerMinute() {
        FrameBudget budget = new FrameBudget(1, 1, clock);
        budget.take();
        for (int i = 0; i < 5; i++) {
            budget.take();
        }
        assertEquals(5, budget.recentRefusals());
        advance(Duration.ofSeconds(61));
        budget.take(); // refilled: allowed
        budget.take();
        assertEquals(1, budget.recentRefusals(), "a new minute starts the count again");
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
