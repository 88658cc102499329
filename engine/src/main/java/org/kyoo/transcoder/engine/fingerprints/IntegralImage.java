package org.kyoo.transcoder.engine.fingerprints;

/**
 * The smoothed chromagram as a summed-area table over its last rows (time) and 12 columns
 * (notes), so any rectangle's sum costs four look-ups. Sums run from the first row ever added,
 * as Chromaprint's {@code RollingIntegralImage} keeps them: the same additions in the same order
 * give the same doubles, hence the same bits.
 */
final class IntegralImage {
    private final int kept;
    private final double[] sums;
    private int rows;

    /** @param rowsNeeded how far back areas are asked for */
    IntegralImage(int rowsNeeded) {
        kept = rowsNeeded + 1;
        sums = new double[kept * ChromaBands.NOTES];
    }

    int rows() {
        return rows;
    }

    void add(double[] row) {
        int at = (rows % kept) * ChromaBands.NOTES;
        double running = 0;
        for (int c = 0; c < ChromaBands.NOTES; c++) {
            running += row[c];
            sums[at + c] = running;
        }
        if (rows > 0) {
            int before = ((rows - 1) % kept) * ChromaBands.NOTES;
            for (int c = 0; c < ChromaBands.NOTES; c++) sums[at + c] = sums[before + c] + sums[at + c];
        }
        rows++;
    }

    /** The sum over rows [r1, r2) and columns [c1, c2). */
    double area(int r1, int c1, int r2, int c2) {
        if (r1 == r2 || c1 == c2) return 0.0;
        if (r1 == 0) {
            return c1 == 0 ? at(r2 - 1, c2 - 1) : at(r2 - 1, c2 - 1) - at(r2 - 1, c1 - 1);
        }
        if (c1 == 0) return at(r2 - 1, c2 - 1) - at(r1 - 1, c2 - 1);
        return at(r2 - 1, c2 - 1) - at(r1 - 1, c2 - 1) - at(r2 - 1, c1 - 1) + at(r1 - 1, c1 - 1);
    }

    private double at(int row, int column) {
        return sums[(row % kept) * ChromaBands.NOTES + column];
    }
}
