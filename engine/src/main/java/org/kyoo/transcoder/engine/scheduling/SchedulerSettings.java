package org.kyoo.transcoder.engine.scheduling;

import java.time.Duration;

/**
 * How heads are planned, bounded and throttled; built once at start-up.
 *
 * @param rule             how a stream decides between waiting on a head and starting one ({@link ExpectedTime})
 * @param maxHeads         software video heads encoding at once
 * @param maxHardwareHeads hardware video heads encoding at once (encoder sessions are a device limit)
 * @param bufferSeconds    seconds of media a head may run past the latest request of a player it is near before it pauses
 * @param idleStop         a stream nobody asked anything of for this long stops its heads
 */
public record SchedulerSettings(PlanningRule rule, int maxHeads, int maxHardwareHeads, double bufferSeconds, Duration idleStop) {
    /**
     * hls.js already asks up to 30 s ahead of what it plays, so a head 30 s past a player's latest
     * request is up to a minute ahead of its screen; more is mostly thrown away at its next seek.
     */
    public static final double DEFAULT_BUFFER_SECONDS = 30;
    /** Short enough that the machine is idle within 30 s of the last player leaving (heads stop between two packets). */
    public static final Duration DEFAULT_IDLE_STOP = Duration.ofSeconds(20);
    /** Consumer NVENC drivers allowed 3 sessions for years; VAAPI and QSV have no fixed limit but share one GPU. */
    public static final int DEFAULT_HARDWARE_HEADS = 3;

    public SchedulerSettings {
        if (rule == null) throw new IllegalArgumentException("a planning rule is needed");
        if (maxHeads < 1 || maxHardwareHeads < 1) throw new IllegalArgumentException("at least one head at a time");
        if (!(bufferSeconds > 0)) throw new IllegalArgumentException("buffer must be positive: " + bufferSeconds);
        if (idleStop != null && (idleStop.isNegative() || idleStop.isZero())) throw new IllegalArgumentException("idle stop must be positive");
    }

    /** As many software heads as cores: x264 threads inside a head, so more heads only share the same CPU. */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(ExpectedTime.RULE, Math.max(1, Runtime.getRuntime().availableProcessors()),
                DEFAULT_HARDWARE_HEADS, DEFAULT_BUFFER_SECONDS, DEFAULT_IDLE_STOP);
    }


    public long idleStopNanos() {
        return idleStop == null ? Long.MAX_VALUE : idleStop.toNanos();
    }
}
