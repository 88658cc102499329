package org.kyoo.transcoder.engine.fingerprints;

import java.util.Arrays;

/**
 * Chromaprint's fingerprint, computed in Java from its published algorithm: mono 16-bit audio at
 * 11 025 Hz is cut into frames of 4 096 samples every 1 365 (a third of a frame); each frame's
 * power spectrum is folded onto the 12 notes; the chromagram is smoothed over 5 frames and
 * normalised; every new row then gives one 32-bit sub-fingerprint from 16 classifiers looking at
 * the last 16 rows. Feed samples as they come, then {@link #values()}.
 */
public final class Chromaprint {
    /** The rate Chromaprint works at; resample to it first. */
    public static final int SAMPLE_RATE = 11025;
    static final int FRAME = 4096;
    /** Samples between two frames, hence between two sub-fingerprints. */
    public static final int HOP = FRAME / 3;
    /** Seconds between two sub-fingerprints: 1 365 / 11 025 = 0.1238 s (about 8.08 a second). */
    public static final double ITEM_SECONDS = (double) HOP / SAMPLE_RATE;
    /** Chromaprint's silence threshold (algorithm 4): a mean |sample| at or under it is silence. */
    private static final int QUIET = 50;

    private final LeadingSilence silence;
    private final short[] ring = new short[FRAME];
    /** Samples in the ring; the oldest is at {@code ringStart}. */
    private int ringCount;
    private int ringStart;
    private final PowerSpectrum spectrum = new PowerSpectrum(FRAME);
    private final ChromaBands bands = new ChromaBands(FRAME, SAMPLE_RATE);
    private final ChromaSmoothing smoothing = new ChromaSmoothing();
    private final IntegralImage image;
    private final int widest;
    private final double[] power = new double[FRAME / 2 + 1];
    private final double[] notes = new double[ChromaBands.NOTES];
    private final double[] row = new double[ChromaBands.NOTES];
    private int[] values = new int[1024];
    private int count;
    /** Per frame: whether its first {@link #HOP} samples are silent. */
    private boolean[] quietFrames = new boolean[1024];
    private int frames;

    public Chromaprint(Algorithm algorithm) {
        silence = algorithm.silenceThreshold() > 0 ? new LeadingSilence(algorithm.silenceThreshold()) : null;
        widest = Classifier.TEST2.stream().mapToInt(Classifier::width).max().orElseThrow();
        image = new IntegralImage(256);
    }

    /** Takes {@code length} mono samples at {@link #SAMPLE_RATE} from {@code samples[from]}. */
    public void feed(short[] samples, int from, int length) {
        int skip = silence == null ? 0 : silence.silentPrefix(samples, from, length);
        for (int i = from + skip; i < from + length; i++) {
            ring[(ringStart + ringCount) % FRAME] = samples[i];
            if (++ringCount == FRAME) {
                frame();
                ringStart = (ringStart + HOP) % FRAME;
                ringCount -= HOP;
            }
        }
    }

    /** Samples dropped as leading silence (algorithm 4): the first frame starts that much later. */
    public long droppedSamples() {
        return silence == null ? 0 : silence.dropped();
    }

    /** The sub-fingerprints so far; Chromaprint's own end adds none (a partial frame is not padded). */
    public int[] values() {
        return Arrays.copyOf(values, count);
    }

    /**
     * Which values start in silence: the mean |sample| of their first 1 365 samples at most 50,
     * the threshold of Chromaprint's own silence removal. Not part of Chromaprint's output: it
     * tells where the shared audio stops, since a value's 2.7 s straddle a short pause.
     */
    public boolean[] quiet() {
        return Arrays.copyOf(quietFrames, count);
    }

    private void frame() {
        if (frames == quietFrames.length) quietFrames = Arrays.copyOf(quietFrames, frames * 2);
        long sum = 0;
        for (int i = 0; i < HOP; i++) sum += Math.abs(ring[(ringStart + i) % FRAME]);
        quietFrames[frames++] = sum <= (long) QUIET * HOP;
        spectrum.compute(ring, ringStart, power);
        bands.fold(power, notes);
        if (!smoothing.accept(notes, row)) return;
        image.add(row);
        if (image.rows() >= widest) add(subFingerprint(image.rows() - widest));
    }

    private int subFingerprint(int x) {
        int bits = 0;
        for (Classifier c : Classifier.TEST2) bits = (bits << 2) | c.bits(image, x);
        return bits;
    }

    private void add(int value) {
        if (count == values.length) values = Arrays.copyOf(values, count * 2);
        values[count++] = value;
    }
}
