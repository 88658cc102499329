package org.kyoo.transcoder.engine.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Encode slots go to the work a player waits on first; the rest take turns within the bound. */
class EncodeSlotsTest {
    private static final class Claim implements EncodeSlots.Claimant {
        volatile Priority priority;
        volatile boolean cancelled;

        Claim(Priority priority) {
            this.priority = priority;
        }

        @Override
        public Priority priority() {
            return priority;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    @Test
    void headsBeyondTheBoundWait() {
        EncodeSlots slots = new EncodeSlots(2);
        Claim first = new Claim(Priority.PREFETCH);
        assertTrue(slots.tryAcquire(first));
        assertTrue(slots.tryAcquire(new Claim(Priority.UNWATCHED)));
        assertFalse(slots.tryAcquire(new Claim(Priority.PREFETCH)), "two heads encode at once, no more");
        slots.release(first);
        assertTrue(slots.tryAcquire(new Claim(Priority.PREFETCH)));
    }

    @Test
    void theBoundIsStrictAndARunningHeadYieldsAsSoonAsMoreUrgentWorkQueues() throws Exception {
        EncodeSlots slots = new EncodeSlots(1);
        Claim prefetch = new Claim(Priority.PREFETCH);
        assertTrue(slots.tryAcquire(prefetch));
        assertFalse(slots.shouldYield(prefetch));
        Claim seek = new Claim(Priority.NOTHING_BUFFERED);
        assertFalse(slots.tryAcquire(seek), "even a player with nothing buffered does not go past the bound");
        Thread waiting = new Thread(() -> acquire(slots, seek));
        waiting.start();
        awaitQueued(slots, 1);
        assertTrue(slots.shouldYield(prefetch), "a seek queues: the prefetch head steps aside at its next packet");
        slots.release(prefetch);
        waiting.join(20_000);
        assertFalse(waiting.isAlive(), "the seek got the slot");
        assertEquals(1, slots.running());
        assertFalse(slots.shouldYield(seek));
    }

    @Test
    void overCommittedWhenRunningAndQueuedHeadsOutnumberTheSlots() throws Exception {
        EncodeSlots slots = new EncodeSlots(2);
        Claim a = new Claim(Priority.PREFETCH), b = new Claim(Priority.PREFETCH), c = new Claim(Priority.PREFETCH);
        assertTrue(slots.tryAcquire(a));
        assertFalse(slots.overcommitted(), "one head, two slots");
        assertTrue(slots.tryAcquire(b));
        assertFalse(slots.overcommitted(), "two heads, two slots: each has its share");
        Thread waiting = new Thread(() -> acquire(slots, c));
        waiting.start();
        awaitQueued(slots, 1);
        assertTrue(slots.overcommitted(), "a third head waits for a slot");
        c.cancelled = true;
        waiting.join(20_000);
        assertFalse(slots.overcommitted(), "the waiting head gave up");
        assertFalse(new EncodeSlots(Integer.MAX_VALUE).overcommitted(), "unbounded slots never are");
    }

    @Test
    void aPlayersNextSegmentYieldsToASeekButNotToAnotherNextSegment() throws Exception {
        EncodeSlots slots = new EncodeSlots(1);
        Claim next = new Claim(Priority.NEXT_SEGMENT);
        assertTrue(slots.tryAcquire(next));
        Claim other = new Claim(Priority.NEXT_SEGMENT);
        Thread a = new Thread(() -> acquire(slots, other));
        a.start();
        awaitQueued(slots, 1);
        assertFalse(slots.shouldYield(next), "heads of one level do not take turns mid-segment");
        other.priority = Priority.NOTHING_BUFFERED;
        assertTrue(slots.shouldYield(next), "priorities are read afresh: the queued player seeked");
        other.cancelled = true;
        a.join(20_000);
    }

    @Test
    void aFreedSlotGoesToTheMostUrgentQueuedHead() throws Exception {
        EncodeSlots slots = new EncodeSlots(1);
        Claim running = new Claim(Priority.UNWATCHED);
        assertTrue(slots.tryAcquire(running));
        Claim unwatched = new Claim(Priority.UNWATCHED), prefetch = new Claim(Priority.PREFETCH);
        Thread a = new Thread(() -> acquire(slots, unwatched));
        a.start();
        awaitQueued(slots, 1);
        Thread b = new Thread(() -> acquire(slots, prefetch));
        b.start();
        awaitQueued(slots, 2);
        assertTrue(slots.shouldYield(running), "a more urgent head is queued");
        slots.release(running);
        b.join(20_000);
        assertFalse(b.isAlive(), "the prefetch head got the slot though it queued second");
        assertEquals(1, slots.queued());
        unwatched.cancelled = true;
        a.join(20_000);
        assertFalse(a.isAlive(), "a cancelled head stops queueing");
        assertEquals(1, slots.running());
    }

    @Test
    void aFrozenScreenHasTheCpuToItselfWhereHeadsShareIt() {
        EncodeSlots slots = new EncodeSlots(2, true);
        Claim next = new Claim(Priority.NEXT_SEGMENT);
        assertTrue(slots.tryAcquire(next));
        Claim seek = new Claim(Priority.NOTHING_BUFFERED);
        assertTrue(slots.tryAcquire(seek), "a slot is free");
        assertTrue(slots.shouldYield(next), "the next segment parks while the seek's first segment is made");
        assertFalse(slots.shouldYield(seek));
        assertFalse(slots.tryAcquire(new Claim(Priority.PREFETCH)), "nothing less urgent starts beside it");
        slots.release(next);
        assertTrue(slots.tryAcquire(new Claim(Priority.NOTHING_BUFFERED)), "another frozen screen may share the CPU");
        seek.priority = Priority.NEXT_SEGMENT;
        assertTrue(slots.shouldYield(seek), "priorities are read afresh: the other seek still waits on its first segment");
    }

    @Test
    void slotsThatDoNotShareTheCpuLetLessUrgentHeadsRunBesideASeek() {
        EncodeSlots slots = new EncodeSlots(2);
        Claim next = new Claim(Priority.NEXT_SEGMENT);
        assertTrue(slots.tryAcquire(next));
        assertTrue(slots.tryAcquire(new Claim(Priority.NOTHING_BUFFERED)));
        assertFalse(slots.shouldYield(next), "a device's encoder sessions are not the CPU");
    }

    @Test
    void anAudioTracksPrefetchParksBesideAFrozenScreenAndWhatAPlayerWaitsOnRuns() {
        EncodeSlots cpu = new EncodeSlots(2, true);
        EncodeSlots cheap = EncodeSlots.besides(cpu);
        Claim audioAhead = new Claim(Priority.PREFETCH);
        assertTrue(cheap.tryAcquire(audioAhead), "nothing frozen: unbounded");
        Claim seek = new Claim(Priority.NOTHING_BUFFERED);
        assertTrue(cpu.tryAcquire(seek));
        assertTrue(cheap.shouldYield(audioAhead), "segments ahead of the player wait for the seek's video");
        assertFalse(cheap.tryAcquire(new Claim(Priority.UNWATCHED)));
        Claim seeksAudio = new Claim(Priority.NOTHING_BUFFERED), nextAudio = new Claim(Priority.NEXT_SEGMENT);
        assertTrue(cheap.tryAcquire(seeksAudio), "the seek's audio is made beside its video");
        assertTrue(cheap.tryAcquire(nextAudio), "and what another player waits on");
        assertFalse(cheap.shouldYield(nextAudio));
        seek.priority = Priority.NEXT_SEGMENT;
        assertFalse(cheap.shouldYield(audioAhead), "the seek's segment came: the prefetch goes on");
    }

    private static void acquire(EncodeSlots slots, EncodeSlots.Claimant c) {
        try {
            slots.acquire(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQueued(EncodeSlots slots, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (slots.queued() < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("never queued");
            Thread.sleep(1);
        }
    }
}
