package org.kyoo.transcoder.engine.streams;

import java.util.function.BooleanSupplier;
import org.kyoo.transcoder.engine.scheduling.EncodeSlots;
import org.kyoo.transcoder.engine.scheduling.HeadState;

/**
 * A head's hold on an encode slot: taken before it encodes, given back while it is paused or, between
 * two packets, to more urgent work, then queued for again. Only the head's own thread changes it.
 */
final class HeadSlot {
    private final EncodeSlots slots;
    private final EncodeSlots.Claimant head;
    private volatile HeadState.State state = HeadState.State.QUEUED;
    private boolean holding;

    HeadSlot(EncodeSlots slots, EncodeSlots.Claimant head) {
        this.slots = slots;
        this.head = head;
    }

    HeadState.State state() {
        return state;
    }

    /** Whether a slot is a device's encoder session, kept by its head until it ends. */
    boolean isSession() {
        return slots.sessions();
    }

    /** Blocks until the head may encode; false when it was cancelled meanwhile. */
    boolean take() throws InterruptedException {
        state = HeadState.State.QUEUED;
        holding = slots.acquire(head);
        if (holding) state = HeadState.State.RUNNING;
        return holding;
    }

    void give() {
        if (holding) slots.release(head);
        holding = false;
    }

    /** Gives the slot back while paused until {@code resume} says go on, then waits for one again; false when stopped. */
    boolean pause(BooleanSupplier resume) throws InterruptedException {
        give();
        state = HeadState.State.PAUSED;
        return resume.getAsBoolean() && take();
    }

    /** Whether a more urgent head queues for the slot this head holds (a device's session is never handed over). */
    boolean asked() {
        return holding && !slots.sessions() && slots.shouldYield(head);
    }

    /** Hands the slot over and queues for it again in one step; false when cancelled meanwhile. */
    boolean requeue() throws InterruptedException {
        state = HeadState.State.QUEUED;
        holding = false;
        holding = slots.requeue(head);
        if (!holding) return false;
        state = HeadState.State.RUNNING;
        return true;
    }

    /** Whether more heads want the slots than there are. */
    boolean overcommitted() {
        return slots.overcommitted();
    }
}
