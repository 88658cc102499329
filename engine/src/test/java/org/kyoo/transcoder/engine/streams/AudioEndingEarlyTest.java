package org.kyoo.transcoder.engine.streams;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyoo.transcoder.engine.testmedia.SegmentChecks.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

/** A 100 s file whose audio stops at 5 s: seeks and heads past the audio's end. */
class AudioEndingEarlyTest {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    private FileStream stream(Fixture f) {
        return Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
    }

    @Test
    void anAudioHeadStartedPastTheEndOfItsTrackServesSilentSegmentsOnTheKeyframes() {
        Fixture f = TestMedia.audioEndingEarly();
        double[] kf = Fixtures.keyframes(f.spec());
        FileStream stream = stream(f);
        List<WrittenSegment> segments = fetch(n -> stream.segment(Rendition.tsAudio(0), n), 30, 34);
        for (int i = 0; i < segments.size(); i++) {
            WrittenSegment s = segments.get(i);
            assertEquals("aac", s.codec());
            assertEquals(2, s.channels(), "stereo");
            assertEquals(kf[30 + i], s.start(), SAME_TIME, "segment " + (30 + i) + " starts on its keyframe");
            assertEquals(kf[31 + i], s.end(), 0.012, "segment " + (30 + i) + " ends on the next keyframe");
        }
        assertContinuous(segments, 30, AUDIO_GAP, AUDIO_OVERLAP);
    }

    @Test
    void videoHeadsStartedPastTheEndOfTheAudioServeTheirFrames() {
        Fixture f = TestMedia.audioEndingEarly();
        double[] kf = Fixtures.keyframes(f.spec());
        FileStream stream = stream(f);
        for (Quality quality : new Quality[] {Quality.P240, null}) {
            List<WrittenSegment> segments = fetch(n -> stream.segment(Rendition.tsVideo(quality), n), 60, 62);
            for (int i = 0; i < segments.size(); i++) assertSourceFrames(f.spec(), kf, 60 + i, segments.get(i));
        }
    }

    /** Time (s) of the next packet read, any stream; NaN at the end of the file. */
    private static double nextPacketTime(MediaInput in) {
        AVPacket packet = av_packet_alloc();
        try {
            if (!in.read(packet)) return Double.NaN;
            AVRational tb = in.stream(packet.stream_index()).time_base();
            return packet.pts() * (double) tb.num() / tb.den();
        } finally {
            av_packet_free(packet);
        }
    }

    /** Before: the check read the other 90 s of the file each time, on every head past 5 s. */
    @Test
    void checkingASeekOnAnEndedAudioTrackStopsAMinutePastThePointInsteadOfReadingToTheEnd() {
        Fixture f = TestMedia.audioEndingEarly();
        try (MediaInput in = MediaInput.open(f.path())) {
            in.seek(in.firstVideoStream(), 10, in.audioStream(0), 10, () -> false);
            double next = nextPacketTime(in);
            assertTrue(next > 60 && next < 75, "reading goes on at " + next + " s");
        }
    }

    @Test
    void aCancelledHeadStopsItsSeekCheckAtOnce() {
        Fixture f = TestMedia.audioEndingEarly();
        AtomicInteger asked = new AtomicInteger();
        try (MediaInput in = MediaInput.open(f.path())) {
            in.seek(in.firstVideoStream(), 10, in.audioStream(0), 10, () -> asked.incrementAndGet() > 25);
            double next = nextPacketTime(in);
            assertTrue(next >= 9 && next < 12, "reading goes on at " + next + " s");
        }
    }
}
