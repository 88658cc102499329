package org.kyoo.transcoder.engine.fingerprints;

/**
 * Which of Chromaprint's algorithms a fingerprint follows. Numbers differ between tools:
 * {@code fpcalc -algorithm N} counts from 1, FFmpeg's {@code chromaprint} muxer's
 * {@code -algorithm} option and libchromaprint's {@code CHROMAPRINT_ALGORITHM_TEST*} enum from 0.
 */
public enum Algorithm {
    /** fpcalc's default ({@code -algorithm 2}); the muxer's {@code -algorithm 1}. */
    TEST2(2, 0),
    /**
     * TEST2 after the leading silence (mean |sample| of 5 ms up to 50) is dropped: upstream Kyoo's
     * fingerprints ({@code ffmpeg … -algorithm 3 -f chromaprint}); fpcalc's {@code -algorithm 4}.
     */
    TEST4(4, 50);

    private final int fpcalcNumber;
    private final int silenceThreshold;

    Algorithm(int fpcalcNumber, int silenceThreshold) {
        this.fpcalcNumber = fpcalcNumber;
        this.silenceThreshold = silenceThreshold;
    }

    /** The number {@code fpcalc -algorithm} takes for it. */
    public int fpcalcNumber() {
        return fpcalcNumber;
    }

    /** The number FFmpeg's {@code chromaprint} muxer and libchromaprint's enum give it. */
    public int libraryNumber() {
        return fpcalcNumber - 1;
    }

    /** The mean absolute sample the leading silence stays under; 0 when none is dropped. */
    int silenceThreshold() {
        return silenceThreshold;
    }
}
