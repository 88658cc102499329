package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyoo.transcoder.engine.testmedia.SegmentChecks.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

class AudioSegmentsTest {
    /** Segments end on the first AAC frame boundary past half a frame before the next keyframe. */
    private static final double HALF_FRAME = 512.0 / 44100;

    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    /** Every segment of one track, from segment {@code from}, checked against the keyframes. */
    private List<WrittenSegment> assertSegments(Fixture f, FileStream stream, int track, int from, int to) {
        double[] kf = Fixtures.keyframes(f.spec());
        List<WrittenSegment> segments = fetch(n -> stream.segment(Rendition.tsAudio(track), n), from, to);
        for (int i = 0; i < segments.size(); i++) {
            int n = from + i;
            WrittenSegment s = segments.get(i);
            assertEquals("aac", s.codec());
            assertEquals(2, s.channels(), "stereo");
            assertEquals(kf[n], s.start(), SAME_TIME, "segment " + n + " starts on its keyframe");
            if (n + 1 < kf.length) {
                assertEquals(kf[n + 1], s.end(), HALF_FRAME + 0.001, "segment " + n + " ends on the next keyframe");
            } else {
                // the last one runs to the end of the decoded audio, which may hold the encoder's padding
                double end = f.spec().startTime() + f.spec().duration();
                assertTrue(s.end() > end - 0.03 && s.end() < end + 0.1, "last segment ends at " + s.end() + ", file at " + end);
            }
        }
        assertContinuous(segments, from, AUDIO_GAP, AUDIO_OVERLAP);
        return segments;
    }

    private FileStream stream(Fixture f) {
        return Fixtures.stream(f, cache.resolve(f.path().getFileName().toString()), VideoPipeline.FrameObserver.NONE);
    }

    @Test
    void stereoAacIsCutOnTheVideoKeyframesWithoutGapOrOverlap() {
        Fixture f = TestMedia.multiTrackMkv();
        assertSegments(f, stream(f), 0, 0, Fixtures.keyframes(f.spec()).length);
    }

    @Test
    void surroundAc3IsDownmixedToStereoAac() {
        Fixture f = TestMedia.multiTrackMkv();
        List<WrittenSegment> segments = assertSegments(f, stream(f), 1, 0, 4);
        assertEquals(48000, segments.get(0).sampleRate());
    }

    @Test
    void twoHeadsMeetWithoutGapOrOverlap() {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = stream(f);
        stream.segment(Rendition.tsAudio(0), 7).join();
        assertSegments(f, stream, 0, 0, 9);
    }

    @Test
    void anAudioOnlyFileIsCutEveryTwoSeconds() {
        Fixture f = TestMedia.audioOnly();
        FileStream stream = stream(f);
        List<WrittenSegment> segments = assertSegments(f, stream, 0, 0, 7);
        assertEquals(44100, segments.get(0).sampleRate(), "44.1 kHz is kept");
        // and from a head started in the middle
        Fixture again = TestMedia.audioOnly();
        FileStream other = Fixtures.stream(again, cache.resolve("again"), VideoPipeline.FrameObserver.NONE);
        other.segment(Rendition.tsAudio(0), 3).join();
        assertSegments(again, other, 0, 2, 5);
    }

    @Test
    void aStreamStartingAtTenSecondsKeepsItsTimestamps() {
        Fixture f = TestMedia.mpegTsOffset();
        FileStream stream = stream(f);
        stream.segment(Rendition.tsAudio(0), 4).join();
        assertSegments(f, stream, 0, 0, Fixtures.keyframes(f.spec()).length);
    }

    @Test
    void variableFrameRateVideoDoesNotDisturbTheAudio() {
        Fixture f = TestMedia.variableFrameRate();
        assertSegments(f, stream(f), 0, 0, Fixtures.keyframes(f.spec()).length);
    }

    @Test
    void aHeadStopsAfterAHundredSegmentsAndTheNextOneContinuesSeamlessly() {
        Fixture f = TestMedia.manySegments();
        FileStream stream = stream(f);
        Stream audio = stream.stream(Rendition.tsAudio(0));
        audio.segment(0).join();
        assertEquals(100, audio.heads().get(0).end(), "the first head plans 100 segments");
        assertSegments(f, stream, 0, 97, 103);
    }

    /**
     * A recording switching stereo → 5.1 → stereo (DVB around an ad break): before, the resampler
     * refused the first 5.1 frame, the head died and every retry died at the same place.
     */
    @Test
    void audioChangingLayoutMidStreamStillGivesContinuousStereoSegments() {
        Fixture f = LayoutChangingAdts.write(cache.resolve("source").resolve("layout-change.aac"), 4, 2, 6, 2);
        FileStream stream = stream(f);
        double[] kf = Fixtures.keyframes(f.spec());
        List<WrittenSegment> segments = fetch(n -> stream.segment(Rendition.tsAudio(0), n), 0, kf.length);
        for (int n = 0; n < segments.size(); n++) {
            WrittenSegment s = segments.get(n);
            assertEquals(2, s.channels(), "segment " + n + " is stereo");
            assertEquals(48000, s.sampleRate());
            assertEquals(kf[n], s.start(), SAME_TIME, "segment " + n + " starts on its boundary");
        }
        assertContinuous(segments, 0, AUDIO_GAP, AUDIO_OVERLAP);
        // each part's encoder added its 1024 samples of priming, which a raw AAC file keeps
        double end = segments.get(segments.size() - 1).end();
        assertTrue(end > 12 && end < 12.2, "the audio runs to " + end + " s");
    }
}
