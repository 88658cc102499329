package org.kyoo.transcoder.engine.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How urgent a request is, and which heads are near a player, from each player's latest request (4-s segments). */
class RequestWindowTest {
    private final AtomicLong clock = new AtomicLong();
    private final RequestWindow window = new RequestWindow(clock::get, 60, TimeUnit.SECONDS.toNanos(20));

    private Priority ask(String client, int n) {
        return window.record(Demand.of(client), n, 4.0 * n);
    }

    @Test
    void aFirstRequestOrASeekHasNothingBufferedAndTheNextSegmentHasThePreviousOnePlaying() {
        assertEquals(Priority.NOTHING_BUFFERED, ask("a", 10), "its first request");
        assertEquals(Priority.NOTHING_BUFFERED, ask("a", 11), "right after a jump: what is left of 10 may be a frame");
        assertEquals(Priority.NOTHING_BUFFERED, ask("a", 11), "asked again, it keeps its rank");
        assertEquals(Priority.NEXT_SEGMENT, ask("a", 12));
        assertEquals(Priority.NEXT_SEGMENT, ask("a", 12), "the same segment again (a retry)");
        assertEquals(Priority.NOTHING_BUFFERED, ask("a", 40), "a seek");
        assertEquals(Priority.NOTHING_BUFFERED, ask("a", 40), "the seek's segment again: still nothing to play");
        assertEquals(Priority.NOTHING_BUFFERED, ask("b", 41), "another player's first request, whatever the first asked");
        assertEquals(Priority.NOTHING_BUFFERED, window.record(Demand.ANONYMOUS, 42, 168), "who asks is unknown");
        assertEquals(Priority.NOTHING_BUFFERED, window.record(Demand.ANONYMOUS, 43, 172));
    }

    @Test
    void aRequestWouldBeAJumpWhereThePlayerAskedNeitherThatSegmentNorTheOneBefore() {
        assertTrue(window.wouldJump(Demand.of("a"), 10, true), "nothing asked here: as the caller says");
        assertFalse(window.wouldJump(Demand.of("a"), 10, false));
        ask("a", 10);
        assertFalse(window.wouldJump(Demand.of("a"), 10, true));
        assertFalse(window.wouldJump(Demand.of("a"), 11, true));
        assertTrue(window.wouldJump(Demand.of("a"), 40, false));
        assertTrue(window.wouldJump(Demand.of("a"), 9, false), "backwards");
        assertEquals(Priority.NOTHING_BUFFERED, ask("a", 40), "as it said");
    }

    @Test
    void aPlayerWhoAskedNothingForTheIdleTimeStartsOverWithNothingBuffered() {
        ask("a", 10);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(21));
        assertEquals(Priority.NOTHING_BUFFERED, ask("a", 11));
    }

    @Test
    void aHeadIsNearAPlayerItIsAheadOfWithinTheBufferAndNotOneThatSeekedPastIt() {
        ask("a", 10);
        assertFalse(window.tooFarAhead(4.0 * 12), "8 s ahead of the player");
        assertFalse(window.tooFarAhead(4.0 * 25), "60 s ahead: still within the buffer");
        assertTrue(window.tooFarAhead(4.0 * 26), "64 s ahead");
        ask("a", 50);
        assertTrue(window.tooFarAhead(4.0 * 12), "the player seeked past it: it makes what nobody will watch");
        ask("b", 5);
        assertFalse(window.tooFarAhead(4.0 * 12), "another player is behind it, coming");
    }

    @Test
    void aStreamNobodyAskedAnythingOfForTheIdleTimeIsAbandonedAndEveryHeadIsFarFromEveryone() {
        assertFalse(window.abandoned(), "nobody asked anything yet");
        ask("a", 10);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(19));
        assertFalse(window.abandoned());
        clock.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertTrue(window.abandoned());
        assertTrue(window.tooFarAhead(44), "a player gone quiet is nowhere");
    }
}
