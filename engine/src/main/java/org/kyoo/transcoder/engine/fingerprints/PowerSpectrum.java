package org.kyoo.transcoder.engine.fingerprints;

/**
 * A frame's power spectrum as Chromaprint computes it: samples scaled to ±1 under a Hamming
 * window, a real DFT, and |X[k]|² for k = 0 … N/2. Libchromaprint's Debian build does this in
 * single precision through FFmpeg's {@code av_rdft}, so the windowed samples and the powers are
 * rounded to floats here too; the transform itself runs in double (it is our own, in-place
 * radix-2: the half-size complex transform of the even and odd samples, then one split step).
 * The rounding left in between can flip a sub-fingerprint bit whose feature sits on a quantizer
 * threshold: rare, and measured by {@code ChromaprintAgainstFpcalcTest}.
 */
final class PowerSpectrum {
    private final int size;
    private final int half;
    private final float[] window;
    private final int[] reversed;
    private final double[] cos;
    private final double[] sin;
    private final double[] re;
    private final double[] im;

    /** @param size a power of two: the frame length in samples */
    PowerSpectrum(int size) {
        if (Integer.bitCount(size) != 1 || size < 4) throw new IllegalArgumentException("not a power of two: " + size);
        this.size = size;
        this.half = size / 2;
        window = new float[size];
        // Chromaprint's window: Hamming, scaled so that 16-bit samples span ±1
        for (int i = 0; i < size; i++) {
            window[i] = (float) ((1.0 / Short.MAX_VALUE) * (0.54 - 0.46 * Math.cos(i * 2.0 * Math.PI / (size - 1))));
        }
        int bits = Integer.numberOfTrailingZeros(half);
        reversed = new int[half];
        for (int i = 0; i < half; i++) reversed[i] = Integer.reverse(i) >>> (32 - bits);
        cos = new double[half];
        sin = new double[half];
        for (int k = 0; k < half; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / size);
            sin[k] = Math.sin(2 * Math.PI * k / size);
        }
        re = new double[half];
        im = new double[half];
    }

    /** The powers of {@code frame} ({@code size} samples from {@code from}, circularly) into {@code power} (N/2 + 1 values). */
    void compute(short[] frame, int from, double[] power) {
        for (int n = 0; n < half; n++) {
            int at = reversed[n];
            re[at] = (float) frame[(from + 2 * n) % size] * window[2 * n];
            im[at] = (float) frame[(from + 2 * n + 1) % size] * window[2 * n + 1];
        }
        transform();
        // X[k] from Z = DFT(even + i·odd): E = (Z[k] + conj Z[h-k]) / 2, O = (Z[k] - conj Z[h-k]) / 2i
        power[0] = squared(re[0] + im[0], 0);
        power[half] = squared(re[0] - im[0], 0);
        for (int k = 1; k < half; k++) {
            int m = half - k;
            double evenRe = (re[k] + re[m]) / 2;
            double evenIm = (im[k] - im[m]) / 2;
            double oddRe = (im[k] + im[m]) / 2;
            double oddIm = -(re[k] - re[m]) / 2;
            // X[k] = E + e^{-2πik/N} · O
            double xRe = evenRe + cos[k] * oddRe + sin[k] * oddIm;
            double xIm = evenIm + cos[k] * oddIm - sin[k] * oddRe;
            power[k] = squared(xRe, xIm);
        }
    }

    /** |x|² in single precision, as the float transform's caller computes it. */
    private static double squared(double re, double im) {
        float r = (float) re;
        float i = (float) im;
        return r * r + i * i;
    }

    /** In-place iterative radix-2 DFT (e^{-i…}) of the bit-reversed {@code re + i·im}. */
    private void transform() {
        for (int length = 2; length <= half; length <<= 1) {
            int step = size / length;
            int span = length / 2;
            for (int start = 0; start < half; start += length) {
                for (int j = 0; j < span; j++) {
                    double wRe = cos[j * step];
                    double wIm = -sin[j * step];
                    int a = start + j;
                    int b = a + span;
                    double tRe = re[b] * wRe - im[b] * wIm;
                    double tIm = re[b] * wIm + im[b] * wRe;
                    re[b] = re[a] - tRe;
                    im[b] = im[a] - tIm;
                    re[a] += tRe;
                    im[a] += tIm;
                }
            }
        }
    }
}
