package org.kyoo.transcoder.engine.fingerprints;

/**
 * Smooths the chromagram over time and gives each column unit length: a 5-column FIR filter
 * (0.25, 0.75, 1, 0.75, 0.25, oldest first), then Euclidean normalisation, a column quieter than
 * 0.01 becoming all zeros. The first four columns only fill the filter. Chromaprint's
 * {@code ChromaFilter} and {@code ChromaNormalizer}, in their order of additions.
 */
final class ChromaSmoothing {
    private static final double[] TAPS = {0.25, 0.75, 1.0, 0.75, 0.25};
    private static final double QUIET = 0.01;
    private static final int KEPT = 8;

    private final double[][] recent = new double[KEPT][ChromaBands.NOTES];
    private int next;
    private int filled;

    /** Takes column {@code notes}; true when {@code out} holds a smoothed, normalised column. */
    boolean accept(double[] notes, double[] out) {
        System.arraycopy(notes, 0, recent[next], 0, ChromaBands.NOTES);
        next = (next + 1) % KEPT;
        if (filled < TAPS.length - 1) {
            filled++;
            return false;
        }
        int oldest = (next + KEPT - TAPS.length) % KEPT;
        for (int note = 0; note < ChromaBands.NOTES; note++) {
            double sum = 0.0;
            for (int j = 0; j < TAPS.length; j++) sum += recent[(oldest + j) % KEPT][note] * TAPS[j];
            out[note] = sum;
        }
        normalise(out);
        return true;
    }

    private static void normalise(double[] column) {
        double squares = 0;
        for (double v : column) squares += v * v;
        double norm = squares > 0 ? Math.sqrt(squares) : 0;
        for (int i = 0; i < column.length; i++) column[i] = norm < QUIET ? 0.0 : column[i] / norm;
    }
}
