package org.kyoo.transcoder.engine.testmedia;

import java.nio.file.Path;

/**
 * The test media every module shares, generated in-process with libav on first use and kept under
 * {@code target/test-media} (system property {@code test.media.dir}) for the rest of the build.
 *
 * <p>Every video frame carries its own presentation time painted in the picture (see
 * {@link Stamp}), so a decoded frame or thumbnail tile says which source frame it came from.
 */
public final class TestMedia {
    private TestMedia() {}

    /** Matroska: H.264 High 320x180 24 fps with B-frames and irregular GOPs, ~30 s; AAC stereo "eng"
     * (default, titled) and AC-3 5.1 "fre"; SRT "eng" and ASS "fre" (forced); a font attachment; 3 chapters. */
    public static Fixture multiTrackMkv() { throw new UnsupportedOperationException("being written"); }

    /** MP4: H.264 with B-frames and irregular GOPs, AAC stereo, ~20 s. */
    public static Fixture mp4() { throw new UnsupportedOperationException("being written"); }

    /** MPEG-TS: H.264 + AAC whose timestamps start at 10 s, ~20 s long. */
    public static Fixture mpegTsOffset() { throw new UnsupportedOperationException("being written"); }

    /** Matroska: H.264 with variable frame durations, AAC. */
    public static Fixture variableFrameRate() { throw new UnsupportedOperationException("being written"); }

    /** M4A: AAC stereo only, ~13 s (keyframes fall back to one every 2 s). */
    public static Fixture audioOnly() { throw new UnsupportedOperationException("being written"); }

    /** MP3 with an attached cover picture (a single-frame video stream). */
    public static Fixture coverPicture() { throw new UnsupportedOperationException("being written"); }

    /** Matroska 1920x1080 H.264, AAC, of the given length in seconds and GOP length: for benchmarks. */
    public static Fixture long1080p(int seconds, int gopSeconds) { throw new UnsupportedOperationException("being written"); }

    /** The first third of {@link #multiTrackMkv()}. */
    public static Path truncated() { throw new UnsupportedOperationException("being written"); }

    /** 64 KiB of random bytes named {@code random.mkv}. */
    public static Path randomBytes() { throw new UnsupportedOperationException("being written"); }

    /** An empty file named {@code empty.mp4}. */
    public static Path empty() { throw new UnsupportedOperationException("being written"); }

    /** A text file named {@code notes.mkv}. */
    public static Path text() { throw new UnsupportedOperationException("being written"); }
}
