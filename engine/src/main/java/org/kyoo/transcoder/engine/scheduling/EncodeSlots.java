package org.kyoo.transcoder.engine.scheduling;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict bound on heads encoding at once, handed out by priority. A head takes a slot before it
 * starts and gives it back when it pauses or, between two packets, as soon as a more urgent head
 * queues, so the segment a player is staring at gets the CPU within a packet's time rather than
 * sharing it with every other head until their segments end. Heads of the same priority take
 * slots in the order they queued and do not take them from each other.
 */
public final class EncodeSlots {
    /** Priorities change without a call here (a request arrives, a player goes): look again this often. */
    private static final long RECHECK_MS = 100;

    /** What asks for a slot; its priority is read afresh each time slots are handed out. */
    public interface Claimant {
        Priority priority();

        /** A cancelled claimant stops waiting. */
        boolean cancelled();
    }

    private final int slots;
    private final List<Claimant> queue = new ArrayList<>();
    private int running;

    /** @param slots heads encoding at once; {@link Integer#MAX_VALUE}: unbounded */
    public EncodeSlots(int slots) {
        if (slots < 1) throw new IllegalArgumentException("at least one slot: " + slots);
        this.slots = slots;
    }

    /** Blocks until {@code c} may encode; false (and no slot) when it was cancelled meanwhile. */
    public synchronized boolean acquire(Claimant c) throws InterruptedException {
        queue.add(c);
        try {
            while (true) {
                if (c.cancelled()) return false;
                if (mayRun(c)) {
                    running++;
                    return true;
                }
                wait(RECHECK_MS);
            }
        } finally {
            queue.remove(c);
            notifyAll();
        }
    }

    /** Like {@link #acquire} but never blocks: false when {@code c} would have to wait. */
    public synchronized boolean tryAcquire(Claimant c) {
        if (c.cancelled() || !mayRun(c)) return false;
        running++;
        return true;
    }

    public synchronized void release() {
        if (running > 0) running--;
        notifyAll();
    }

    /** Whether the running {@code c} should give its slot back now: a more urgent claimant queues. */
    public synchronized boolean shouldYield(Claimant c) {
        if (queue.isEmpty()) return false;
        Priority p = c.priority();
        for (Claimant o : queue) {
            if (o.priority().ordinal() < p.ordinal()) return true;
        }
        return false;
    }

    /** Something changed priorities (a request came): waiting claimants look again now. */
    public synchronized void reconsider() {
        notifyAll();
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int queued() {
        return queue.size();
    }

    public int slots() {
        return slots;
    }

    private boolean mayRun(Claimant c) {
        if (running >= slots) return false;
        Priority p = c.priority();
        // the first of the most urgent claimants goes first
        for (Claimant o : queue) {
            if (o == c) continue;
            int other = o.priority().ordinal();
            if (other < p.ordinal()) return false;
            if (other == p.ordinal() && queue.indexOf(o) < queue.indexOf(c)) return false;
        }
        return true;
    }
}
