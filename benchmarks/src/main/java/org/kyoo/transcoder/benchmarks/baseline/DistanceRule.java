package org.kyoo.transcoder.benchmarks.baseline;

import java.lang.System.Logger.Level;
import org.kyoo.transcoder.engine.scheduling.HeadView;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.StreamPlan;

/**
 * The Go original's rule, kept to measure the scheduler against (the load benchmark's "before"
 * rows, {@code GOCODER_PLANNER=distance} with this jar on the class path): join any head less than
 * 60 s of media behind, whatever its speed; prefetch where no head is within 60 s plus 5 s per
 * segment of distance; no slot bound, no throttling, no idle stop.
 */
public final class DistanceRule implements PlanningRule {
    private static final System.Logger LOG = System.getLogger(DistanceRule.class.getName());
    /** A head further behind than this (seconds of media) is too far to wait for: start another. */
    static final double MAX_HEAD_DISTANCE = 60;

    /** Found through {@link java.util.ServiceLoader}; every instance is the same rule. */
    public DistanceRule() {}

    /** The previous behaviour whole: this rule, unbounded heads, no pause, no idle stop. */
    public static SchedulerSettings settings() {
        return new SchedulerSettings(new DistanceRule(), Integer.MAX_VALUE, Integer.MAX_VALUE, Double.POSITIVE_INFINITY, null);
    }

    @Override
    public String name() {
        return "distance";
    }

    @Override
    public boolean throttles() {
        return false;
    }

    @Override
    public SchedulerSettings settings(SchedulerSettings configured) {
        return settings();
    }

    @Override
    public boolean needsHead(StreamPlan plan, int n) {
        double distance = distance(plan, n);
        if (distance <= MAX_HEAD_DISTANCE) return false;
        LOG.log(Level.DEBUG, "new head for segment {0} (nearest head {1} s behind)", n, distance);
        return true;
    }

    @Override
    public int prefetchAt(StreamPlan plan, int served) {
        int last = Math.min(served + PREFETCH_SEGMENTS, plan.segmentCount() - 1);
        for (int i = served + 1; i <= last; i++) {
            if (plan.isReady(i)) continue;
            // 60 s, plus 5 s per segment of distance: a head already on its way will get there
            if (distance(plan, i) < MAX_HEAD_DISTANCE + 5.0 * (i - served)) continue;
            LOG.log(Level.DEBUG, "prefetch head for segment {0}", i);
            return i;
        }
        return -1;
    }

    /** Seconds of media between segment n and the nearest live head at or before it planned to reach it. */
    private static double distance(StreamPlan plan, int n) {
        double time = plan.segmentStart(n);
        double best = Double.POSITIVE_INFINITY;
        for (HeadView h : plan.heads()) {
            if (h.cancelled() || h.position() > n || n >= h.end()) continue;
            best = Math.min(best, time - plan.segmentStart(h.position()));
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistanceRule;
    }

    @Override
    public int hashCode() {
        return DistanceRule.class.hashCode();
    }

    @Override
    public String toString() {
        return name();
    }
}
