package org.kyoo.transcoder.engine.fingerprints;

/**
 * Chromaprint's sub-fingerprints of a stretch of audio, placed on the file's timeline: value
 * {@code i} describes the 4 096 samples (0.37 s) from {@link #timeOf timeOf(i)}, together with
 * the 15 frames after them that its classifiers also read (2.2 s in all).
 *
 * @param start seconds on the source timeline of the first sample the first frame holds (after
 *              any leading silence algorithm 4 dropped)
 * @param quiet per value, whether its first 0.12 s are silence ({@link Chromaprint#quiet})
 */
public record Fingerprint(Algorithm algorithm, double start, int[] values, boolean[] quiet) {
    /** Where value {@code item}'s first frame starts, in seconds on the source timeline. */
    public double timeOf(double item) {
        return start + item * Chromaprint.ITEM_SECONDS;
    }

    /** The value nearest to {@code seconds} on the source timeline (may lie outside the values). */
    public int itemAt(double seconds) {
        return (int) Math.round((seconds - start) / Chromaprint.ITEM_SECONDS);
    }

    public int length() {
        return values.length;
    }
}
