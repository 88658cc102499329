package org.kyoo.transcoder.engine.fingerprints;

import java.util.List;

/**
 * One of the 16 questions a sub-fingerprint asks of the chromagram: a Haar-like filter over a
 * rectangle of {@code width} rows (time) from the current one and {@code height} notes from
 * {@code y}, compared as log((1 + a) / (1 + b)) of its two halves, then cut into 4 levels by 3
 * thresholds and written as 2 Gray-coded bits (neighbouring levels differ by one bit).
 *
 * @param shape 0: the whole rectangle against nothing; 1: upper against lower half (notes);
 *              2: later against earlier half (time); 3: diagonal quarters; 4: middle third of the
 *              notes against the outer two; 5: middle third in time against the outer two
 */
record Classifier(int shape, int y, int height, int width, double t0, double t1, double t2) {
    private static final int[] GRAY = {0, 1, 3, 2};

    /**
     * The trained classifiers Chromaprint's algorithms 2, 4 and 5 share ({@code kClassifiersTest2}
     * in its {@code fingerprinter_configuration.cpp}): data of the published algorithm, without
     * which no fingerprint would equal its own.
     */
    static final List<Classifier> TEST2 = List.of(
            new Classifier(0, 4, 3, 15, 1.98215, 2.35817, 2.63523),
            new Classifier(4, 4, 6, 15, -1.03809, -0.651211, -0.282167),
            new Classifier(1, 0, 4, 16, -0.298702, 0.119262, 0.558497),
            new Classifier(3, 8, 2, 12, -0.105439, 0.0153946, 0.135898),
            new Classifier(3, 4, 4, 8, -0.142891, 0.0258736, 0.200632),
            new Classifier(4, 0, 3, 5, -0.826319, -0.590612, -0.368214),
            new Classifier(1, 2, 2, 9, -0.557409, -0.233035, 0.0534525),
            new Classifier(2, 7, 3, 4, -0.0646826, 0.00620476, 0.0784847),
            new Classifier(2, 6, 2, 16, -0.192387, -0.029699, 0.215855),
            new Classifier(2, 1, 3, 2, -0.0397818, -0.00568076, 0.0292026),
            new Classifier(5, 10, 1, 15, -0.53823, -0.369934, -0.190235),
            new Classifier(3, 6, 2, 10, -0.124877, 0.0296483, 0.139239),
            new Classifier(2, 1, 1, 14, -0.101475, 0.0225617, 0.231971),
            new Classifier(3, 5, 6, 4, -0.0799915, -0.00729616, 0.063262),
            new Classifier(1, 9, 2, 12, -0.272556, 0.019424, 0.302559),
            new Classifier(3, 4, 2, 14, -0.164292, -0.0321188, 0.0846339));

    /** The 2 bits this classifier gives the rows from {@code x}. */
    int bits(IntegralImage image, int x) {
        double value = filter(image, x);
        int level = value < t1 ? (value < t0 ? 0 : 1) : (value < t2 ? 2 : 3);
        return GRAY[level];
    }

    private double filter(IntegralImage image, int x) {
        int w = width;
        int h = height;
        switch (shape) {
            case 0:
                return compare(image.area(x, y, x + w, y + h), 0);
            case 1:
                return compare(image.area(x, y + h / 2, x + w, y + h), image.area(x, y, x + w, y + h / 2));
            case 2:
                return compare(image.area(x + w / 2, y, x + w, y + h), image.area(x, y, x + w / 2, y + h));
            case 3:
                return compare(image.area(x, y + h / 2, x + w / 2, y + h) + image.area(x + w / 2, y, x + w, y + h / 2),
                        image.area(x, y, x + w / 2, y + h / 2) + image.area(x + w / 2, y + h / 2, x + w, y + h));
            case 4:
                return compare(image.area(x, y + h / 3, x + w, y + 2 * (h / 3)),
                        image.area(x, y, x + w, y + h / 3) + image.area(x, y + 2 * (h / 3), x + w, y + h));
            case 5:
                return compare(image.area(x + w / 3, y, x + 2 * (w / 3), y + h),
                        image.area(x, y, x + w / 3, y + h) + image.area(x + 2 * (w / 3), y, x + w, y + h));
            default:
                throw new IllegalStateException("no filter shape " + shape);
        }
    }

    private static double compare(double a, double b) {
        return Math.log((1.0 + a) / (1.0 + b));
    }
}
