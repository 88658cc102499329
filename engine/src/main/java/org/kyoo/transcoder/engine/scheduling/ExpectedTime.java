package org.kyoo.transcoder.engine.scheduling;

import java.lang.System.Logger.Level;

/**
 * The rule: join the head below a segment only when it is expected to get there sooner than a
 * fresh head would, from the heads' measured speeds against a fresh head's start-up and speed;
 * prefetch the first of the next segments no head will make before the player reaches it.
 */
public final class ExpectedTime implements PlanningRule {
    public static final ExpectedTime RULE = new ExpectedTime();
    private static final System.Logger LOG = System.getLogger(ExpectedTime.class.getName());
    /** Before anything was measured on this machine: a fresh head's start-up and speed. */
    static final double FIRST_GUESS_STARTUP = 1.0, FIRST_GUESS_SPEED = 1.0;
    /** The last segment's end is unknown until the scan ends: count it as long as a usual one. */
    private static final double USUAL_SEGMENT = 4.0;

    private ExpectedTime() {}

    @Override
    public String name() {
        return "time";
    }

    @Override
    public boolean throttles() {
        return true;
    }

    @Override
    public boolean needsHead(StreamPlan plan, int n) {
        double head = headEta(plan, n, true), fresh = freshEta(plan, n);
        if (head <= fresh) return false;
        LOG.log(Level.DEBUG, "new head for segment {0} (expected in {1} s, a fresh head {2} s)", n, head, fresh);
        return true;
    }

    @Override
    public int prefetchAt(StreamPlan plan, int served) {
        int last = Math.min(served + PREFETCH_SEGMENTS, plan.segmentCount() - 1);
        for (int i = served + 1; i <= last; i++) {
            if (plan.isReady(i)) continue;
            // at real-time pace the player needs i once it has played from served to i
            double deadline = plan.segmentStart(i) - plan.segmentStart(served);
            double head = headEta(plan, i);
            if (head <= deadline || head <= freshEta(plan, i) || plan.nearNobody(plan.segmentStart(i))) continue;
            LOG.log(Level.DEBUG, "prefetch head for segment {0} (expected in {1} s, needed in {2} s)", i, head, deadline);
            return i;
        }
        return -1;
    }

    /** Wall seconds until segment n is ready from the live head that will get there first; infinity when none will. */
    public static double headEta(StreamPlan plan, int n) {
        return headEta(plan, n, false);
    }

    /**
     * @param guarded whether a head whose speed is only a guess (neither it nor its stream measured
     *                one yet: the machine's, from other files, or the first guess) counts only for
     *                the segment it is on and the next: a request joining it further on would wait
     *                for every segment in between at a speed nobody measured (a 10-bit HEVC decode
     *                is several times slower than the file measured before it), where a fresh head
     *                costs a start-up
     */
    private static double headEta(StreamPlan plan, int n, boolean guarded) {
        double best = Double.POSITIVE_INFINITY;
        for (HeadView h : plan.heads()) {
            if (h.cancelled() || h.position() > n || n >= h.end() || stopsBefore(plan, h, n)) continue;
            if (guarded && n > nextToMake(plan, h) + 1 && Double.isNaN(h.speed()) && Double.isNaN(plan.estimate().speed())) continue;
            best = Math.min(best, eta(plan, h, n));
        }
        return best;
    }

    /** The first segment head {@code h} has still to make (one that just published its position is already on the next). */
    private static int nextToMake(StreamPlan plan, HeadView h) {
        int from = h.position();
        if (plan.isReady(from)) from++;
        return from;
    }

    /**
     * A head stops before a segment made already (by another head, or in a shared store by another
     * instance): one made between the head's next segment and n means this head never gets to n.
     */
    private static boolean stopsBefore(StreamPlan plan, HeadView h, int n) {
        int from = h.position() < n ? nextToMake(plan, h) : h.position();
        for (int k = from + 1; k < n; k++) if (plan.isReady(k)) return true;
        return false;
    }

    private static double eta(StreamPlan plan, HeadView h, int n) {
        double speed = h.speed();
        if (Double.isNaN(speed)) speed = expectedSpeed(plan);
        long now = plan.now();
        double startup = 0;
        if (!h.hasPublished()) {
            // still starting (or queued for a slot): what is left of a fresh head's start-up
            double since = h.startedNanos() == 0 ? 0 : (now - h.startedNanos()) / 1e9;
            startup = Math.max(0, expectedStartup(plan) - since);
        }
        // a head that just published its position is already on the next one
        int from = h.position();
        while (from < n && plan.isReady(from)) from++;
        double work = (mediaEnd(plan, n) - plan.segmentStart(from)) / speed;
        // only a running head gets on with its segment: a paused or queued one (it gave its slot back
        // between two segments) has done none of the next, however long it has been waiting
        double inSegment = h.hasPublished() && h.segmentBeganNanos() != 0 && h.running()
                ? (now - h.segmentBeganNanos()) / 1e9 : 0;
        return startup + Math.max(0, work - inSegment);
    }

    /** Wall seconds a head started now at n would take to make it. */
    public static double freshEta(StreamPlan plan, int n) {
        return expectedStartup(plan) + segmentDuration(plan, n) / expectedSpeed(plan);
    }

    /** Seconds of media in segment n (the last one counted as a usual one until its end is known). */
    public static double segmentDuration(StreamPlan plan, int n) {
        return mediaEnd(plan, n) - plan.segmentStart(n);
    }

    private static double mediaEnd(StreamPlan plan, int n) {
        double end = plan.segmentEnd(n);
        return Double.isInfinite(end) ? plan.segmentStart(n) + USUAL_SEGMENT : end;
    }

    private static double expectedSpeed(StreamPlan plan) {
        return SpeedEstimate.speed(plan.estimate(), plan.machine(), FIRST_GUESS_SPEED);
    }

    private static double expectedStartup(StreamPlan plan) {
        return SpeedEstimate.startup(plan.estimate(), plan.machine(), FIRST_GUESS_STARTUP);
    }
}
