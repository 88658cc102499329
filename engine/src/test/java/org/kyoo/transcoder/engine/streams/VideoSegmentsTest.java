package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyoo.transcoder.engine.testmedia.SegmentChecks.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

class VideoSegmentsTest {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    /** Every segment of one quality (null: original), from one head started at 0, checked against the source. */
    private List<WrittenSegment> assertWholeStream(Fixture f, Quality quality) {
        double[] kf = Fixtures.keyframes(f.spec());
        FileStream stream = Fixtures.stream(f, cache.resolve(f.path().getFileName().toString()), VideoPipeline.FrameObserver.NONE);
        List<WrittenSegment> segments = fetch(n -> stream.segment(Rendition.tsVideo(quality), n), 0, kf.length);
        for (int n = 0; n < kf.length; n++) {
            boolean hidden = quality != null && f.spec().format().equals("mp4") && f.spec().video().bFrames();
            assertSourceFrames(f.spec(), kf, n, segments.get(n), hidden);
            if (quality != null) assertEquals(quality.height(), segments.get(n).height());
        }
        assertContinuous(segments, 0, VIDEO_GAP, VIDEO_OVERLAP);
        return segments;
    }

    @Test
    void transcodedSegmentsHoldExactlyTheSourceFramesOfTheirIntervalOpeningOnAnIdr() {
        List<WrittenSegment> segments = assertWholeStream(TestMedia.multiTrackMkv(), Quality.P240);
        assertEquals(426, segments.get(0).width(), "width keeps the aspect ratio, even");
    }

    @Test
    void originalSegmentsAreTheSourcePacketsCutAtItsKeyframes() {
        List<WrittenSegment> segments = assertWholeStream(TestMedia.multiTrackMkv(), null);
        assertEquals(320, segments.get(0).width());
    }

    @Test
    void mp4WithBFramesKeepsItsTimeline() {
        assertWholeStream(TestMedia.mp4(), Quality.P240);
        assertWholeStream(TestMedia.mp4(), null);
    }

    @Test
    void aStreamStartingAtTenSecondsKeepsItsTimestamps() {
        assertWholeStream(TestMedia.mpegTsOffset(), Quality.P240);
        assertWholeStream(TestMedia.mpegTsOffset(), null);
    }

    @Test
    void variableFrameRateKeepsEveryFrameAtItsTime() {
        assertWholeStream(TestMedia.variableFrameRate(), Quality.P240);
        assertWholeStream(TestMedia.variableFrameRate(), null);
    }

    static Stream<Arguments> jumps() {
        return Stream.of(Arguments.of("multitrack.mkv", 7), Arguments.of("bframes.mp4", 4), Arguments.of("offset.ts", 5));
    }

    private static Fixture fixture(String name) {
        return switch (name) {
            case "multitrack.mkv" -> TestMedia.multiTrackMkv();
            case "bframes.mp4" -> TestMedia.mp4();
            default -> TestMedia.mpegTsOffset();
        };
    }

    @ParameterizedTest
    @MethodSource("jumps")
    void twoHeadsMeetWithoutGapOrOverlap(String name, int later) {
        Fixture f = fixture(name);
        double[] kf = Fixtures.keyframes(f.spec());
        for (Quality quality : new Quality[] {Quality.P240, null}) {
            FileStream stream = Fixtures.stream(f, cache.resolve(String.valueOf(quality)), VideoPipeline.FrameObserver.NONE);
            // a player jumps to a later segment first (a head seeks there), then another starts from the beginning
            WrittenSegment jumped = WrittenSegment.read(stream.segment(Rendition.tsVideo(quality), later).join());
            List<WrittenSegment> segments = fetch(n -> stream.segment(Rendition.tsVideo(quality), n), 0, later + 2);
            assertEquals(jumped, segments.get(later), "segment " + later + " is the one the first head made");
            for (int n = 0; n < segments.size(); n++) assertSourceFrames(f.spec(), kf, n, segments.get(n));
            assertContinuous(segments, 0, VIDEO_GAP, VIDEO_OVERLAP);
        }
    }

    @Test
    void switchingQualityAtABoundaryKeepsTheTimeline() {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        List<WrittenSegment> switched = new ArrayList<>();
        Quality[] path = {Quality.P240, Quality.P360, null, Quality.P240, Quality.P360};
        for (int n = 3; n < 3 + path.length; n++) {
            switched.add(WrittenSegment.read(stream.segment(Rendition.tsVideo(path[n - 3]), n).join()));
        }
        assertContinuous(switched, 3, SWITCH, SWITCH);
    }

    @Test
    void aHeadStartedDeepInTheFileFeedsTheEncoderNothingBeforeItsSegment() {
        Fixture f = TestMedia.manySegments();
        double[] kf = Fixtures.keyframes(f.spec());
        Fixtures.Observed observed = new Fixtures.Observed();
        FileStream stream = Fixtures.stream(f, cache, observed);
        int deep = 120;
        WrittenSegment segment = WrittenSegment.read(stream.segment(Rendition.tsVideo(Quality.P240), deep).join());
        assertSourceFrames(f.spec(), kf, deep, segment);
        double earliest = observed.times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(kf[deep], earliest, SAME_TIME, "first frame given to an encoder");
    }

    @Test
    void aHeadStopsAfterAHundredSegmentsAndTheNextOneContinuesSeamlessly() {
        Fixture f = TestMedia.manySegments();
        double[] kf = Fixtures.keyframes(f.spec());
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        for (Quality quality : new Quality[] {null, Quality.P240}) {
            var video = stream.stream(Rendition.tsVideo(quality));
            video.segment(0).join();
            List<EncoderHead> heads = video.heads();
            assertEquals(100, heads.get(0).end(), "the first head plans 100 segments");
            video.segment(99).join();
            List<WrittenSegment> segments = fetch(video::segment, 97, 103);
            for (int i = 0; i < segments.size(); i++) assertSourceFrames(f.spec(), kf, 97 + i, segments.get(i));
            assertContinuous(segments, 97, VIDEO_GAP, VIDEO_OVERLAP);
        }
    }

    @Test
    void theSegmentAPlayerWaitsOnAndTheOneAfterUseTheStartupPresetAndTheRestTheSteadyOne() {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        String first = WrittenSegment.read(stream.segment(Rendition.tsVideo(Quality.P240), 2).join()).encoderSettings();
        // the player may have jumped into the last frames of the first: the one after is as urgent
        String second = WrittenSegment.read(stream.segment(Rendition.tsVideo(Quality.P240), 3).join()).encoderSettings();
        String next = WrittenSegment.read(stream.segment(Rendition.tsVideo(Quality.P240), 4).join()).encoderSettings();
        // veryfast searches with subme=2, fast with subme=6
        assertTrue(first.contains(" subme=2 "), first);
        assertTrue(second.contains(" subme=2 "), second);
        assertTrue(next.contains(" subme=6 "), next);
    }
}
