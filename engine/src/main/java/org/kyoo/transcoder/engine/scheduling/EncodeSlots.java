package org.kyoo.transcoder.engine.scheduling;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict bound on heads encoding at once, handed out by priority. A head takes a slot before it
 * starts and gives it back when it pauses or, between two packets, as soon as a more urgent head
 * queues, so the segment a player is staring at gets the CPU within a packet's time rather than
 * sharing it with every other head until their segments end. Heads of the same priority take
 * slots in the order they queued and do not take them from each other.
 *
 * <p>Where the slots share the CPU (software heads), a frozen screen has the machine to itself:
 * while a {@link Priority#NOTHING_BUFFERED} head runs or queues, less urgent heads park even with
 * a slot free. One libx264 head already spreads over every core, so a seek made alone is ready
 * about twice as fast on two cores as one made beside another head; the heads that park have
 * at least a segment playing, and the seek's own first segment lasts about a second.
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
    private final boolean urgentAlone;
    private final boolean sessions;
    /** Slots sharing the CPU with these, whose frozen screens these slots' unwaited heads leave it to; null: none. */
    private final EncodeSlots besides;
    private final List<Claimant> queue = new ArrayList<>();
    private final List<Claimant> holders = new ArrayList<>();

    /** @param slots heads encoding at once; {@link Integer#MAX_VALUE}: unbounded */
    public EncodeSlots(int slots) {
        this(slots, false);
    }

    /**
     * @param slots       heads encoding at once; {@link Integer#MAX_VALUE}: unbounded
     * @param urgentAlone whether a head with nothing buffered runs without less urgent heads beside it
     *                    (heads sharing the CPU; not for a device's encoder sessions)
     */
    public EncodeSlots(int slots, boolean urgentAlone) {
        this(slots, urgentAlone, false);
    }

    /**
     * @param sessions whether a slot is a device's encoder session, which a head keeps open while
     *                 parked or paused: such a head never hands its slot over mid-segment, and ends
     *                 rather than pausing, so the device's session limit holds
     */
    public EncodeSlots(int slots, boolean urgentAlone, boolean sessions) {
        this(slots, urgentAlone, sessions, null);
    }

    private EncodeSlots(int slots, boolean urgentAlone, boolean sessions, EncodeSlots besides) {
        if (slots < 1) throw new IllegalArgumentException("at least one slot: " + slots);
        this.slots = slots;
        this.urgentAlone = urgentAlone;
        this.sessions = sessions;
        this.besides = besides;
    }

    /**
     * Unbounded slots for heads that cost little next to video (copies, audio) but still share the
     * CPU with {@code cpu}'s: while a frozen screen's head runs or queues there, those of these
     * that nobody waits on (an audio track's prefetch, running segments ahead) park, and the ones a
     * player waits on run. A seek's audio segments are made; the eight after them wait a second.
     */
    public static EncodeSlots besides(EncodeSlots cpu) {
        return new EncodeSlots(Integer.MAX_VALUE, false, false, cpu);
    }

    /** Whether a slot is a device's encoder session (see the constructor). */
    public boolean sessions() {
        return sessions;
    }

    /** Blocks until {@code c} may encode; false (and no slot) when it was cancelled meanwhile. */
    public synchronized boolean acquire(Claimant c) throws InterruptedException {
        queue.add(c);
        try {
            while (true) {
                if (c.cancelled()) return false;
                if (mayRun(c)) {
                    holders.add(c);
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
        holders.add(c);
        return true;
    }

    /**
     * {@code c} hands its slot over and queues for one again in one step, so it never looks like a
     * head that wants nothing ({@link #overcommitted}); false when it was cancelled meanwhile.
     */
    public synchronized boolean requeue(Claimant c) throws InterruptedException {
        holders.remove(c);
        notifyAll();
        return acquire(c);
    }

    /** {@code c} gives back the slot it holds. */
    public synchronized void release(Claimant c) {
        holders.remove(c);
        notifyAll();
    }

    /** Whether the running {@code c} should give its slot back now: a more urgent claimant queues. */
    public synchronized boolean shouldYield(Claimant c) {
        Priority p = c.priority();
        if (urgentElsewhere(c, p)) return true;
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
        return holders.size();
    }

    public synchronized int queued() {
        return queue.size();
    }

    /**
     * Whether more heads want to encode than there are slots: running heads plus those queued or
     * parked for a slot (paused heads, near nobody, do not count). Never for unbounded slots.
     */
    public synchronized boolean overcommitted() {
        return holders.size() + queue.size() > slots;
    }

    public int slots() {
        return slots;
    }

    /** Whether a head a frozen screen waits on runs or queues here. */
    public synchronized boolean frozenScreen() {
        for (Claimant o : holders) if (o.priority() == Priority.NOTHING_BUFFERED) return true;
        for (Claimant o : queue) if (o.priority() == Priority.NOTHING_BUFFERED) return true;
        return false;
    }

    private boolean mayRun(Claimant c) {
        if (holders.size() >= slots) return false;
        Priority p = c.priority();
        if (urgentElsewhere(c, p)) return false;
        // the first of the most urgent claimants goes first
        for (Claimant o : queue) {
            if (o == c) continue;
            int other = o.priority().ordinal();
            if (other < p.ordinal()) return false;
            if (other == p.ordinal() && queue.indexOf(o) < queue.indexOf(c)) return false;
        }
        return true;
    }

    /** Whether {@code c}, less urgent than a frozen screen, must leave the CPU to one that runs or queues. */
    private boolean urgentElsewhere(Claimant c, Priority p) {
        // the other pool's lock is taken inside this one's, never the other way round
        if (besides != null && !p.waited() && besides.frozenScreen()) return true;
        if (!urgentAlone || p == Priority.NOTHING_BUFFERED) return false;
        for (Claimant o : holders) {
            if (o != c && o.priority() == Priority.NOTHING_BUFFERED) return true;
        }
        for (Claimant o : queue) {
            if (o != c && o.priority() == Priority.NOTHING_BUFFERED) return true;
        }
        return false;
    }
}
