package org.kyoo.transcoder.engine.streams;

import java.lang.System.Logger.Level;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.scheduling.Priority;
import org.kyoo.transcoder.engine.scheduling.Scheduler;

/**
 * Between two packets and two segments, whether a stream's head goes on: it stops when its stream
 * was abandoned, pauses while no player is near it (it resumes as soon as a request comes near or
 * waits on it, and closes when nobody came for the idle time), and gives its slot to more urgent
 * work meanwhile. A rule that does not throttle has none of this. Works under its stream's lock,
 * whose monitor requests notify.
 */
final class HeadThrottle {
    private static final System.Logger LOG = System.getLogger(HeadThrottle.class.getName());

    private final Stream stream;
    private final PlanningRule rule;
    private final Scheduler scheduler;

    HeadThrottle(Stream stream, PlanningRule rule, Scheduler scheduler) {
        this.stream = stream;
        this.rule = rule;
        this.scheduler = scheduler;
    }

    /** Before {@code head} makes or goes on with segment {@code at}: returns whether it goes on. */
    boolean checkpoint(EncoderHead head, int at) {
        if (!rule.throttles()) return !head.cancelled();
        if (stopIfAbandoned(head)) {
            LOG.log(Level.DEBUG, "{0}: nobody asked anything for a while, {1} stops", stream, head);
            return false;
        }
        try {
            if (tooFarAhead(head, at)) {
                LOG.log(Level.DEBUG, "{0}: {1} pauses at segment {2}", stream, head, at);
                return head.pauseUntil(() -> awaitNear(head, at));
            }
            return head.yieldSlot();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            head.cancel();
            return false;
        }
    }

    private boolean tooFarAhead(EncoderHead head, int at) {
        synchronized (stream) {
            return !stream.isDestroyed() && !head.cancelled() && stream.nearNobody(stream.segmentStart(at)) && !awaited(head);
        }
    }

    /**
     * Waits (on the stream's monitor, which requests notify) until a player comes near; false when
     * stopped meanwhile, or when nobody came near for the idle time: the head then closes, and with
     * it its decoder and encoder, so memory follows the heads someone is near.
     */
    private boolean awaitNear(EncoderHead head, int at) {
        synchronized (stream) {
            long since = stream.now();
            long idle = scheduler.settings().idleStopNanos();
            try {
                while (tooFarAhead(head, at)) {
                    if (stream.abandoned() && !awaited(head)) head.cancel();
                    if (idle != Long.MAX_VALUE && stream.now() - since > idle) {
                        LOG.log(Level.DEBUG, "{0}: nobody came near {1} for a while, it closes", stream, head);
                        head.cancel();
                    }
                    if (head.cancelled()) return false;
                    stream.wait(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                head.cancel();
                return false;
            }
            return !head.cancelled() && !stream.isDestroyed();
        }
    }

    /**
     * Who goes first for an encode slot: the most urgent request waiting on this head's segments
     * (a player with nothing buffered, then one with the previous segment playing), then a head
     * near a player, then the rest.
     */
    Priority priority(EncoderHead head) {
        synchronized (stream) {
            Priority waited = waitedPriority(head);
            if (waited != null) return waited;
            return stream.nearNobody(stream.segmentStart(head.position())) ? Priority.UNWATCHED : Priority.PREFETCH;
        }
    }

    /**
     * The most urgent request waiting on a segment this head is to make; null when none waits. A
     * head makes its segments up to the next live head ahead of it (it stops where that one began),
     * so a seek far ahead does not count as waiting on the head it jumped over.
     */
    Priority waitedPriority(EncoderHead head) {
        synchronized (stream) {
            SegmentFiles files = stream.files();
            int reach = Math.min(stream.liveHeads().reach(head), files.trackedCount());
            return stream.waits().mostUrgent(head.position(), reach, files::isDone, stream.now());
        }
    }

    /**
     * Whether a request waits on a segment this head is to make. Such a head is not orphaned,
     * however far it is from the players' last positions: a request may wait on a head up to a
     * minute of media behind it, which can be more segments than the orphan distance.
     */
    private boolean awaited(EncoderHead head) {
        return waitedPriority(head) != null;
    }

    /** Stops the head when nobody asked anything of its stream for the idle time (the scheduler's sweep). */
    void sweep(EncoderHead head) {
        synchronized (stream) {
            if (!abandoned(head)) return;
            head.cancel();
            stream.notifyAll();
        }
    }

    /**
     * Checks and stops in one step under the lock, as {@link #sweep} does: a request that starts to
     * wait on this head in between sees it cancelled (and starts its own) rather than waiting on a
     * head that is about to stop.
     */
    private boolean stopIfAbandoned(EncoderHead head) {
        synchronized (stream) {
            if (!abandoned(head)) return false;
            head.cancel();
            stream.notifyAll();
            return true;
        }
    }

    /** Nobody asked anything of this stream for the idle time, and no request still waits on this head. */
    private boolean abandoned(EncoderHead head) {
        return stream.abandoned() && !awaited(head);
    }
}
