package org.kyoo.transcoder.engine.fingerprints;

/**
 * A power spectrum folded onto the 12 notes of the octave (a chromagram column): every bin from
 * 28 Hz to 3 520 Hz adds its power to the note its frequency falls in, whatever the octave.
 * Chromaprint's {@code Chroma}, without interpolation between notes (no algorithm we compute uses it).
 */
final class ChromaBands {
    static final int NOTES = 12;
    private static final int MIN_HZ = 28;
    private static final int MAX_HZ = 3520;
    /** A0 an octave below A1 = 27.5 Hz: notes are counted from A. */
    private static final double BASE_HZ = 440.0 / 16.0;

    private final int first;
    private final int end;
    private final int[] noteOf;

    ChromaBands(int frameSize, int sampleRate) {
        first = Math.max(1, bin(MIN_HZ, frameSize, sampleRate));
        end = Math.min(frameSize / 2, bin(MAX_HZ, frameSize, sampleRate));
        noteOf = new int[end];
        for (int i = first; i < end; i++) {
            double octave = Math.log((double) i * sampleRate / frameSize / BASE_HZ) / Math.log(2.0);
            noteOf[i] = (int) (NOTES * (octave - Math.floor(octave)));
        }
    }

    /** C's round(): halves away from zero. */
    private static int bin(double hz, int frameSize, int sampleRate) {
        return (int) Math.floor(frameSize * hz / sampleRate + 0.5);
    }

    /** The 12 note energies of {@code power} into {@code notes}. */
    void fold(double[] power, double[] notes) {
        java.util.Arrays.fill(notes, 0.0);
        for (int i = first; i < end; i++) notes[noteOf[i]] += power[i];
    }
}
