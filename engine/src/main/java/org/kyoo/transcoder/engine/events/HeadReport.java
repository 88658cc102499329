package org.kyoo.transcoder.engine.events;

import java.time.Duration;

/**
 * A head that ended, with what it made.
 *
 * @param segments     segments it published
 * @param mediaSeconds seconds of media those segments hold
 * @param took         wall time from its start to its end
 * @param failure      why it failed; null when it finished or was cancelled
 */
public record HeadReport(String kind, String label, int id, int first, int segments, double mediaSeconds,
                         Duration took, boolean cancelled, Throwable failure) {
    /** Media seconds made per wall second (× real time); 0 when it made nothing. */
    public double speed() {
        double wall = took.toNanos() / 1e9;
        return segments == 0 || wall <= 0 ? 0 : mediaSeconds / wall;
    }
}
