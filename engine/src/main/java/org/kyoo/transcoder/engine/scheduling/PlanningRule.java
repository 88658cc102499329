package org.kyoo.transcoder.engine.scheduling;

import java.util.ServiceLoader;

/**
 * How a stream decides between waiting on a running head and starting a new one. The product has
 * one rule, {@link ExpectedTime}; others (the Go original's fixed distance, kept by the benchmarks
 * to measure against) are found by name through {@link ServiceLoader}.
 */
public interface PlanningRule {
    /** Video prefetch looks this many segments ahead of the one served. */
    int PREFETCH_SEGMENTS = 10;

    /** The name {@code GOCODER_PLANNER} gives it. */
    String name();

    /** Whether a request waiting on segment n needs a head of its own. */
    boolean needsHead(StreamPlan plan, int n);

    /** After serving segment {@code served}: where one prefetch head should start, or -1 for none. */
    int prefetchAt(StreamPlan plan, int served);

    /**
     * Whether heads are throttled: bounded slots where a frozen screen runs alone, pausing near no
     * player, stopping when abandoned, yielding to more urgent work, the load preset when
     * over-committed, and one head per segment (a head stops where a later one began).
     */
    boolean throttles();

    /**
     * The settings the rule runs under, given those configured: the product's rule takes them as
     * they are; a rule kept to measure against may bring the bounds of its day with it.
     */
    default SchedulerSettings settings(SchedulerSettings configured) {
        return configured;
    }

    /** The rule called {@code name}: this one, or one a jar on the class path provides. */
    static PlanningRule named(String name) {
        if (ExpectedTime.RULE.name().equals(name)) return ExpectedTime.RULE;
        for (PlanningRule rule : ServiceLoader.load(PlanningRule.class)) {
            if (rule.name().equals(name)) return rule;
        }
        return null;
    }
}
