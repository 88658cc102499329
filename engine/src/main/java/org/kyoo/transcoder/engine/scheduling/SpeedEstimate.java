package org.kyoo.transcoder.engine.scheduling;

/**
 * Measured start-up (wall seconds a fresh head spends before it encodes) and speed (seconds of
 * media per wall second) of a stream or of the whole machine, as moving averages so a busy minute
 * counts but does not stick.
 */
public final class SpeedEstimate {
    /** Weight of a new sample. */
    private static final double ALPHA = 0.3;

    private double startup = Double.NaN;
    private double speed = Double.NaN;

    public synchronized void recordSpeed(double mediaSeconds, double wallSeconds) {
        if (!(mediaSeconds > 0) || !(wallSeconds > 0)) return;
        double sample = mediaSeconds / wallSeconds;
        speed = Double.isNaN(speed) ? sample : speed + ALPHA * (sample - speed);
    }

    /** A head's first segment took {@code wallSeconds} for {@code mediaSeconds}: what was start-up in it. */
    public synchronized void recordFirstSegment(double mediaSeconds, double wallSeconds) {
        if (!(wallSeconds >= 0)) return;
        double encoding = Double.isNaN(speed) ? 0 : mediaSeconds / speed;
        double sample = Math.max(0, wallSeconds - encoding);
        // its speed is not recorded: start-up would make every stream look slow at first
        startup = Double.isNaN(startup) ? sample : startup + ALPHA * (sample - startup);
    }

    /** NaN until measured. */
    public synchronized double startup() {
        return startup;
    }

    /** NaN until measured. */
    public synchronized double speed() {
        return speed;
    }

    /** This estimate's figure, else {@code fallback}'s, else {@code last}. */
    public static double speed(SpeedEstimate first, SpeedEstimate fallback, double last) {
        double s = first.speed();
        if (Double.isNaN(s)) s = fallback.speed();
        return Double.isNaN(s) ? last : s;
    }

    public static double startup(SpeedEstimate first, SpeedEstimate fallback, double last) {
        double s = first.startup();
        if (Double.isNaN(s)) s = fallback.startup();
        return Double.isNaN(s) ? last : s;
    }
}
