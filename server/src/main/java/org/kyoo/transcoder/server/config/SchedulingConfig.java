package org.kyoo.transcoder.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;

/**
 * How the engine plans, bounds and throttles its heads, read from the environment at start-up
 * (README "Configuration"); a value it cannot use stops start-up like any other.
 */
public final class SchedulingConfig {
    private SchedulingConfig() {}

    public static SchedulerSettings fromEnvironment(Map<String, String> env) {
        String planner = value(env, "GOCODER_PLANNER", "time").toLowerCase(Locale.ROOT);
        // the product has one rule; the benchmarks' jar adds the one they measure against
        PlanningRule rule = PlanningRule.named(planner);
        if (rule == null) {
            throw new ConfigException("Unknown GOCODER_PLANNER value \"" + planner + "\"; valid value: time.");
        }
        SchedulerSettings d = SchedulerSettings.defaults();
        return rule.settings(new SchedulerSettings(rule,
                positive(env, "GOCODER_MAX_HEADS", d.maxHeads()),
                positive(env, "GOCODER_MAX_HW_HEADS", d.maxHardwareHeads()),
                positive(env, "GOCODER_HEAD_BUFFER", (int) d.bufferSeconds()),
                Duration.ofSeconds(positive(env, "GOCODER_IDLE_STOP", (int) d.idleStop().toSeconds()))));
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String v = value(env, name, null);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // answered below with the variable's name
        }
        throw new ConfigException(name + " must be a positive whole number, not \"" + v + "\".");
    }
}
