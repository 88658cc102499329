package org.kyoo.transcoder.engine.scheduling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The requests waiting on a stream's segments now, by how urgent each is: added when a request
 * starts to wait and removed when its future completes in any way (ready, failed, timed out,
 * cancelled, its player gone); a future's number of dependents never goes down, so it cannot tell
 * this. Not thread-safe: its stream guards it with its own lock.
 */
public final class Waits {
    /**
     * One request waiting on a segment. A player waiting on its next segment has the one before
     * playing, but only for that segment's length ({@code playingNanos} after {@code since}, ticker
     * nanos): then its screen is frozen too, and it counts as having nothing buffered, so a run of
     * seeks cannot hold back a player that keeps watching for ever.
     */
    public record Wait(Priority asked, long since, long playingNanos) {
        Priority at(long now) {
            // ticker values compare by difference only (nanoTime may wrap)
            return asked == Priority.NEXT_SEGMENT && now - since >= playingNanos ? Priority.NOTHING_BUFFERED : asked;
        }
    }

    private final Map<Integer, List<Wait>> waiting = new HashMap<>();

    public void add(int segment, Wait wait) {
        waiting.computeIfAbsent(segment, k -> new ArrayList<>()).add(wait);
    }

    /** This very wait ends: another request of the same urgency has its own deadline. */
    public void remove(int segment, Wait wait) {
        List<Wait> list = waiting.get(segment);
        if (list == null) return;
        list.removeIf(w -> w == wait);
        if (list.isEmpty()) waiting.remove(segment);
    }

    /** Whether a request waits on segment n. */
    public boolean waitedOn(int segment) {
        return waiting.containsKey(segment);
    }

    /**
     * The most urgent request waiting on a segment of [from, to) that is not {@code done} yet, at
     * ticker time {@code now}; null when none waits. Looks only at the few segments requests wait
     * on (asked before every packet), not at every segment in the range.
     */
    public Priority mostUrgent(int from, int to, IntPredicate done, long now) {
        Priority most = null;
        for (Map.Entry<Integer, List<Wait>> e : waiting.entrySet()) {
            int k = e.getKey();
            if (k < from || k >= to || done.test(k)) continue;
            for (Wait w : e.getValue()) {
                Priority p = w.at(now);
                if (most == null || p.ordinal() < most.ordinal()) most = p;
            }
        }
        return most;
    }
}
