package org.kyoo.transcoder.engine.streams;

import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.Priority;

/** A head of a {@link FakeStream}, as tests outside this package see it (equal when it is the same head). */
public final class FakeHead {
    private final EncoderHead head;

    FakeHead(EncoderHead head) {
        this.head = head;
    }

    public int first() {
        return head.first();
    }

    public int position() {
        return head.position();
    }

    public int end() {
        return head.end();
    }

    public boolean cancelled() {
        return head.cancelled();
    }

    public HeadState.State runState() {
        return head.runState();
    }

    public Priority priority() {
        return head.priority();
    }

    /** Stops it as its stream's own scheduling would (not killed: requests waiting on it are handed on). */
    public void cancel() {
        head.cancel();
    }

    /** Waits for the head to end; false when it did not in time. */
    public boolean join(long millis) throws InterruptedException {
        return head.join(millis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeHead other && other.head == head;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(head);
    }

    @Override
    public String toString() {
        return head.toString();
    }
}
