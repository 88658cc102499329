package org.kyoo.transcoder.engine.fingerprints;

/**
 * A file's audio fingerprints where upstream Kyoo takes them: its opening (the first fifth, at
 * most 10 minutes), where intros are, and its ending (the last 5 minutes), where credits are.
 */
public record FileFingerprints(Fingerprint opening, Fingerprint ending) {
    static final double OPENING_SHARE = 0.2;
    static final double OPENING_MAX = 600;
    static final double ENDING = 300;

    /** How long the opening of a file lasting {@code duration} seconds is. */
    static double openingSeconds(double duration) {
        return Math.min(duration * OPENING_SHARE, OPENING_MAX);
    }

    /** Where the ending of a file lasting {@code duration} seconds starts, from its start. */
    static double endingFrom(double duration) {
        return Math.max(0, duration - ENDING);
    }
}
