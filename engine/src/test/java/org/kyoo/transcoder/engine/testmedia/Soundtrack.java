package org.kyoo.transcoder.engine.testmedia;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An episode's sound, made up and known to the sample: a list of parts, each a stretch of a
 * "piece" of music-like audio (chords of one to three notes with a few harmonics, changing every
 * 0.15 to 0.6 s, over a little noise) picked by a seed, or silence. The same seed and offset give
 * the same samples in every episode, as a series' intro does; anything else differs.
 */
public final class Soundtrack {
    public static final int RATE = 48000;
    /** A part playing {@code seconds} of piece {@code seed} from {@code offset} seconds into it; seed 0: silence. */
    public record Part(long seed, double offset, double seconds) {
        public static Part silence(double seconds) {
            return new Part(0, 0, seconds);
        }
    }

    private final List<Part> parts;

    public Soundtrack(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public double seconds() {
        return parts.stream().mapToDouble(Part::seconds).sum();
    }

    /** Where part {@code i} starts, in seconds. */
    public double startOf(int i) {
        double at = 0;
        for (int p = 0; p < i; p++) at += parts.get(p).seconds();
        return at;
    }

    /** Stereo samples, in order: fill {@code left} and {@code right} with the next {@code count}. */
    public Cursor cursor() {
        return new Cursor();
    }

    public final class Cursor {
        private int part = -1;
        private long partEnd;
        private long sample;
        private Piece piece;

        public void next(float[] left, float[] right, int count) {
            for (int i = 0; i < count; i++, sample++) {
                while (sample >= partEnd && part + 1 < parts.size()) {
                    part++;
                    Part p = parts.get(part);
                    long partStart = partEnd;
                    partEnd = partStart + Math.round(p.seconds() * RATE);
                    piece = p.seed() == 0 ? null : new Piece(p.seed(), Math.round(p.offset() * RATE) - partStart);
                }
                if (sample >= partEnd || piece == null) {
                    left[i] = 0;
                    right[i] = 0;
                } else {
                    piece.sample(sample, left, right, i);
                }
            }
        }
    }

    /**
     * A seeded piece, read in order; {@code shift} maps the episode's sample number to the piece's.
     * Each voice's harmonics are oscillators turned by a fixed rotation per sample, and the
     * envelope decays by a fixed factor: no transcendental function per sample.
     */
    private static final class Piece {
        private static final int VOICES = 3;
        private static final double[] HARMONICS = {1, 0.5, 0.25};
        private static final double DECAY = Math.exp(-2.5 / RATE);
        private final Random notes;
        private final long shift;
        private final long noiseSeed;
        private long eventStart;
        private long eventEnd;
        /** Per voice and harmonic: the oscillator's state and its rotation per sample. */
        private final double[] re = new double[VOICES * 3];
        private final double[] im = new double[VOICES * 3];
        private final double[] stepRe = new double[VOICES * 3];
        private final double[] stepIm = new double[VOICES * 3];
        private final double[] gain = new double[VOICES];
        private double envelope;
        private double pan;
        private long position = Long.MIN_VALUE;

        Piece(long seed, long shift) {
            this.notes = new Random(seed);
            this.shift = shift;
            this.noiseSeed = seed * 0x9E3779B97F4A7C15L;
            eventEnd = 0;
            nextEvent();
        }

        private void nextEvent() {
            eventStart = eventEnd;
            eventEnd = eventStart + (long) ((0.15 + 0.45 * notes.nextDouble()) * RATE);
            int voices = 1 + notes.nextInt(VOICES);
            for (int v = 0; v < VOICES; v++) {
                // MIDI 45..92: 110 Hz to 1.3 kHz, where the chroma bands listen
                double hz = 440 * Math.pow(2, (45 + notes.nextInt(48) - 69) / 12.0);
                gain[v] = v < voices ? 0.12 + 0.1 * notes.nextDouble() : 0;
                for (int h = 0; h < 3; h++) {
                    double w = 2 * Math.PI * hz * (h + 1) / RATE;
                    stepRe[v * 3 + h] = Math.cos(w);
                    stepIm[v * 3 + h] = Math.sin(w);
                    re[v * 3 + h] = 1;
                    im[v * 3 + h] = 0;
                }
            }
            pan = notes.nextDouble();
            envelope = 1;
        }

        void sample(long episodeSample, float[] left, float[] right, int i) {
            long n = episodeSample + shift;
            if (position == Long.MIN_VALUE || n != position) seek(n);
            position = n + 1;
            long t = n - eventStart;
            double attack = Math.min(1, t / (0.01 * RATE));
            double v = 0;
            for (int k = 0; k < VOICES * 3; k++) {
                double g = gain[k / 3];
                if (g != 0) v += g * HARMONICS[k % 3] * im[k];
                double r = re[k] * stepRe[k] - im[k] * stepIm[k];
                im[k] = re[k] * stepIm[k] + im[k] * stepRe[k];
                re[k] = r;
            }
            v = v * attack * envelope + 0.01 * noise(n);
            envelope *= DECAY;
            if (n + 1 >= eventEnd) nextEvent();
            left[i] = (float) (v * (0.6 + 0.4 * pan));
            right[i] = (float) (v * (1.0 - 0.4 * pan));
        }

        /** Runs the piece up to sample {@code n} (a part may start anywhere in it). */
        private void seek(long n) {
            while (n >= eventEnd) nextEvent();
            for (long s = eventStart; s < n; s++) {
                for (int k = 0; k < VOICES * 3; k++) {
                    double r = re[k] * stepRe[k] - im[k] * stepIm[k];
                    im[k] = re[k] * stepIm[k] + im[k] * stepRe[k];
                    re[k] = r;
                }
                envelope *= DECAY;
            }
        }

        /** White noise in [-1, 1) from the sample number, so any offset gives the same noise. */
        private double noise(long n) {
            long z = n * 0xBF58476D1CE4E5B9L + noiseSeed;
            z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
            z ^= z >>> 29;
            return (z >>> 11) * 0x1.0p-53 * 2 - 1;
        }
    }

    /** Parts built in order, remembering where chosen ones start and end. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private double at;

        public Builder add(Part part) {
            parts.add(part);
            at += part.seconds();
            return this;
        }

        /** Where the next part will start. */
        public double at() {
            return at;
        }

        public Soundtrack build() {
            return new Soundtrack(parts);
        }
    }
}
