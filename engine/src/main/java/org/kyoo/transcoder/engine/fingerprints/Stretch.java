package org.kyoo.transcoder.engine.fingerprints;

/**
 * A stretch of audio two files share: where it starts in each (seconds on their own timelines),
 * how long it lasts, and how alike the two are over it.
 *
 * @param accuracy 0 to 100: 100 × (1 − 2 × the share of differing bits), AcoustID's score as
 *                 upstream Kyoo reports it (identical audio 100, unrelated audio about 0)
 */
public record Stretch(double start, double otherStart, double duration, int accuracy) {
    public double end() {
        return start + duration;
    }

    public double otherEnd() {
        return otherStart + duration;
    }
}
