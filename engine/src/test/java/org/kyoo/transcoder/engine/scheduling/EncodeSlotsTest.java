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
        assertTrue(slots.tryAcquire(new Claim(Priority.PREFETCH)));
        assertTrue(slots.tryAcquire(new Claim(Priority.UNWATCHED)));
        assertFalse(slots.tryAcquire(new Claim(Priority.PREFETCH)), "two heads encode at once, no more");
        slots.release();
        assertTrue(slots.tryAcquire(new Claim(Priority.PREFETCH)));
    }

    @Test
    void waitedWorkRunsAtOnceAndTheLessUrgentHeadsYieldAtTheirNextSegment() {
        EncodeSlots slots = new EncodeSlots(1);
        Claim prefetch = new Claim(Priority.PREFETCH);
        assertTrue(slots.tryAcquire(prefetch));
        assertFalse(slots.shouldYield(prefetch));
        Claim waited = new Claim(Priority.WAITED);
        assertTrue(slots.tryAcquire(waited), "a player waits: it does not queue behind prefetch");
        assertTrue(slots.shouldYield(prefetch), "over the bound: the prefetch head steps aside between segments");
        assertFalse(slots.shouldYield(waited));
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
        slots.release();
        b.join(20_000);
        assertFalse(b.isAlive(), "the prefetch head got the slot though it queued second");
        assertEquals(1, slots.queued());
        unwatched.cancelled = true;
        a.join(20_000);
        assertFalse(a.isAlive(), "a cancelled head stops queueing");
        assertEquals(1, slots.running());
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
