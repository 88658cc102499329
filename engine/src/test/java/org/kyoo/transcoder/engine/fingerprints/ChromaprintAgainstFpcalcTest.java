package org.kyoo.transcoder.engine.fingerprints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.Series;

/**
 * Our Chromaprint is Chromaprint: on the same samples, its values are those of Debian's
 * {@code fpcalc -raw} (libchromaprint 1.5.1), for fpcalc's default algorithm 2 and for algorithm 4,
 * the one upstream Kyoo asks FFmpeg's {@code chromaprint} muxer for ({@code -algorithm 3}: the
 * muxer counts from 0). Debian's library computes its FFT in single precision through FFmpeg,
 * ours in double: a bit whose feature sits on a quantizer threshold could flip, so the comparison
 * allows one differing bit in 10 000 (none was seen).
 */
class ChromaprintAgainstFpcalcTest {
    /** On the same samples: Debian's library computes its FFT in single precision, ours in double. */
    private static final double TINY = 1e-4;
    /**
     * From the file: two AC-3 decoders (libav 8.1 here, 5.1 in fpcalc) and two resamplings round
     * differently; measured 30 bits of 92 352 (0.032 %) on the generated episode. Matching allows 6
     * bits of 32 (19 %).
     */
    private static final double DECODERS_APART = 1e-3;
    @TempDir Path dir;

    @Test
    void onTheSameSamplesOurValuesAreFpcalcsForAlgorithms2And4() throws Exception {
        Series.Episode episode = Series.episode(2);
        // two seconds of digital silence first, which algorithm 4 drops and algorithm 2 keeps
        short[] samples = new short[Chromaprint.SAMPLE_RATE * 92];
        int[] count = {2 * Chromaprint.SAMPLE_RATE};
        new AudioWindow(episode.path(), 0).read(0, 90, (s, from, n) -> {
            System.arraycopy(s, from, samples, count[0], n);
            count[0] += n;
        });
        Path wav = Fpcalc.wav(samples, count[0], dir.resolve("same.wav"));
        for (Algorithm algorithm : Algorithm.values()) {
            Chromaprint ours = new Chromaprint(algorithm);
            for (int at = 0; at < count[0]; at += 4000) ours.feed(samples, at, Math.min(4000, count[0] - at));
            int[] theirs = Fpcalc.raw(wav, algorithm.fpcalcNumber());
            assertEquals(theirs.length, ours.values().length, algorithm + ": as many values");
            long differing = Fpcalc.differingBits(ours.values(), theirs);
            System.out.printf("%s (fpcalc -algorithm %d, FFmpeg's chromaprint muxer -algorithm %d): %d values, %d differing bits%n",
                    algorithm, algorithm.fpcalcNumber(), algorithm.libraryNumber(), theirs.length, differing);
            assertTrue(differing <= TINY * 32 * theirs.length, algorithm + ": " + differing + " differing bits");
        }
    }

    @Test
    void algorithm4DropsTheLeadingSilenceAndSaysHowMuch() {
        short[] samples = new short[Chromaprint.SAMPLE_RATE * 10];
        for (int i = Chromaprint.SAMPLE_RATE; i < samples.length; i++) samples[i] = (short) (8000 * Math.sin(i * 0.1 + i * i * 1e-7));
        Chromaprint withSilence = new Chromaprint(Algorithm.TEST2);
        Chromaprint without = new Chromaprint(Algorithm.TEST4);
        withSilence.feed(samples, 0, samples.length);
        without.feed(samples, 0, samples.length);
        // the mean of the last 55 |samples| passes 50 a few samples after the sound starts
        long dropped = without.droppedSamples();
        assertTrue(dropped >= Chromaprint.SAMPLE_RATE && dropped < Chromaprint.SAMPLE_RATE + 55, "dropped " + dropped);
        Chromaprint shifted = new Chromaprint(Algorithm.TEST2);
        shifted.feed(samples, (int) dropped, samples.length - (int) dropped);
        assertArrayEquals(shifted.values(), without.values());
        assertEquals(withSilence.values().length - (int) (dropped / Chromaprint.HOP), without.values().length, 1);
    }

    @Test
    void fromTheFileOurDecodingAndResamplingGiveFpcalcsValues() throws Exception {
        Series.Episode episode = Series.episode(1);
        Fingerprint ours = new AudioWindow(episode.path(), 0).fingerprint(0, episode.duration(), Algorithm.TEST4);
        int[] theirs = Fpcalc.raw(episode.path(), Algorithm.TEST4.fpcalcNumber());
        long differing = Fpcalc.differingBits(ours.values(), theirs);
        double share = differing / (32.0 * Math.min(ours.length(), theirs.length));
        System.out.printf("%s decoded by libav 8.1 here, by fpcalc's libav 5.1 there: %d and %d values, %d differing bits (%.5f %%)%n",
                episode.path().getFileName(), ours.length(), theirs.length, differing, 100 * share);
        assertEquals(theirs.length, ours.length(), 2, "about as many values");
        assertTrue(share <= DECODERS_APART, differing + " differing bits");
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        assertTrue(Arrays.equals(expected, actual), "values differ");
    }
}
