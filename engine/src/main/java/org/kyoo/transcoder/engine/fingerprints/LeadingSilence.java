package org.kyoo.transcoder.engine.fingerprints;

/**
 * Drops the audio before the first sound, as Chromaprint's algorithm 4 does: samples are dropped
 * until the mean of the last 55 absolute values (5 ms at 11 025 Hz, integer division as in C)
 * exceeds the threshold; everything after passes. It counts what it dropped, so times stay right.
 */
final class LeadingSilence {
    private static final int WINDOW = 55;
    private final int threshold;
    private final short[] recent = new short[WINDOW];
    private int next;
    private int count;
    private int sum;
    private boolean heard;
    private long dropped;

    LeadingSilence(int threshold) {
        this.threshold = threshold;
    }

    /** How many of {@code samples[from, from + length)} to drop before passing the rest. */
    int silentPrefix(short[] samples, int from, int length) {
        if (heard) return 0;
        int i = 0;
        while (i < length) {
            // C's std::abs(int16) stored back as int16: -32768 stays -32768
            short magnitude = (short) Math.abs(samples[from + i]);
            sum += magnitude - recent[next];
            recent[next] = magnitude;
            next = (next + 1) % WINDOW;
            if (count < WINDOW) count++;
            if (sum / count > threshold) {
                heard = true;
                break;
            }
            i++;
        }
        dropped += i;
        return i;
    }

    long dropped() {
        return dropped;
    }
}
