package dev.blau.chat.rooms.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.blau.chat.rooms.control.ReadMarks.Mark;

class ReadMarksTest {

    /** Each write the database was asked for, in order. */
    final List<List<Mark>> writes = new ArrayList<>();
    /** What the database does while it writes (nothing, or fail, or another send arriving). */
    Consumer<List<Mark>> duringWrite = marks -> { };

    final ReadMarks readMarks = new ReadMarks();

    @BeforeEach
    void aDatabase() {
        readMarks.repository = new RoomRepository() {
            @Override
            public void advanceReadMarks(List<Mark> marks) {
                duringWrite.accept(marks);
                writes.add(marks);
            }
        };
    }

    @Test
    void aMembersSendsInARoomAreWrittenOnceAtTheHighestSeqSortedByRoomAndUser() {
        readMarks.sent("room-b", "ana", 7);
        readMarks.sent("room-a", "bob", 3);
        readMarks.sent("room-b", "ana", 9);
        readMarks.sent("room-b", "ana", 8); // stored later than 9 by another thread: the mark stays at 9
        readMarks.sent("room-a", "ana", 2);
        readMarks.flush();
        assertEquals(List.of(List.of(new Mark("room-a", "ana", 2), new Mark("room-a", "bob", 3),
                new Mark("room-b", "ana", 9))), writes);
        readMarks.flush();
        assertEquals(1, writes.size(), "nothing waits: nothing written");
    }

    @Test
    void readingOnesRoomsWritesOnesOwnMarksOnlyAndTheSecondsFlushWritesAll() {
        readMarks.sent("room-a", "ana", 4);
        readMarks.sent("room-a", "bob", 5);
        readMarks.settle("ana");
        readMarks.settle("carl");
        assertEquals(List.of(List.of(new Mark("room-a", "ana", 4))), writes, "nothing of carl's waits: nothing written");
        readMarks.flush(); // ana's again: the reading transaction may have rolled back
        assertEquals(List.of(new Mark("room-a", "ana", 4), new Mark("room-a", "bob", 5)), writes.get(1));
    }

    @Test
    void aSendArrivingDuringTheWriteIsKeptForTheNextOne() {
        readMarks.sent("room-a", "ana", 4);
        duringWrite = marks -> readMarks.sent("room-a", "ana", 6);
        readMarks.flush();
        duringWrite = marks -> { };
        readMarks.flush();
        assertEquals(List.of(List.of(new Mark("room-a", "ana", 4)), List.of(new Mark("room-a", "ana", 6))), writes);
    }

    @Test
    void marksTheDatabaseRefusedAreTriedAgain() {
        readMarks.sent("room-a", "ana", 4);
        duringWrite = marks -> {
            throw new IllegalStateException("database away");
        };
        assertThrows(IllegalStateException.class, readMarks::flush);
        duringWrite = marks -> { };
        readMarks.flush();
        assertEquals(List.of(List.of(new Mark("room-a", "ana", 4))), writes);
    }
}
