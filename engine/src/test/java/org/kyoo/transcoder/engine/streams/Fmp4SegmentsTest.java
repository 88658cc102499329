package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

/**
 * fMP4 (CMAF) renditions of upstream Kyoo's table, read as a player reads them: an init of ftyp +
 * moov, fragments of moof + mdat whose tfdt places them on the source's timeline, samples that
 * follow on from one segment to the next whichever head wrote them.
 */
class Fmp4SegmentsTest {
    @TempDir Path dir;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    private static Path get(java.util.concurrent.CompletableFuture<Stored> f) throws Exception {
        return ((Stored.LocalFile) f.get(120, TimeUnit.SECONDS)).path();
    }

    @Test
    void theCopiedOriginalIsOneInitAndFragmentsOpeningOnTheSourceKeyframes() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = Fixtures.stream(f, dir, VideoPipeline.FrameObserver.NONE);
        Rendition original = Rendition.videoOriginal(0);
        double[] kf = Fixtures.keyframes(f.spec());
        List<Boxes.Fragment> fragments = new ArrayList<>();
        Path init = get(stream.init(original));
        assertEquals(List.of("ftyp", "moov"), Boxes.types(Boxes.top(init)));
        assertEquals("avc1", Boxes.sampleEntry(init));
        long scale = Boxes.timescale(init);
        for (int n = 0; n < kf.length; n++) {
            Path segment = get(stream.segment(original, n));
            assertEquals("segment-" + n + ".mp4", segment.getFileName().toString());
            assertEquals(List.of("moof", "mdat"), Boxes.types(Boxes.top(segment)), "segment " + n);
            Boxes.Fragment fragment = Boxes.fragment(segment);
            fragments.add(fragment);
            double firstShown = (fragment.baseMediaDecodeTime() + fragment.samples().get(0).compositionOffset()) / (double) scale;
            assertEquals(kf[n], firstShown, 0.001, "segment " + n + " shows the source keyframe's time first");
            // B-frames decode before they show: a naive tfdt would be negative (a huge unsigned number) at 0
            assertEquals(Math.round(kf[n] * scale), fragment.baseMediaDecodeTime(), "segment " + n + ": tfdt is the keyframe's time");

            WrittenSegment decoded = WrittenSegment.read(Boxes.joined(init, segment, dir.resolve("joined-" + n + ".mp4")));
            assertTrue(Boxes.opensOnIdr(fragment), "segment " + n + " opens on an IDR");
            // libav moves a stream with signed composition offsets later by its largest B-frame delay
            // (its pts may not precede dts); a player's MSE does not: box math above is the truth
            assertEquals(kf[n], decoded.start(), 0.1, "libav places segment " + n + " near its keyframe");
        }
        assertContinuous(fragments);
    }

    @Test
    void anInitAskedDuringADeepSeekComesFromTheSeeksHeadWithoutMakingSegmentZero() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = Fixtures.stream(f, dir, VideoPipeline.FrameObserver.NONE);
        for (Rendition r : List.of(Rendition.videoOriginal(0), Rendition.audioOriginal(1))) {
            int deep = Fixtures.keyframes(f.spec()).length - 2;
            // a player seeking deep asks for the segment and the init together
            var segment = stream.segment(r, deep);
            Path init = get(stream.init(r));
            get(segment);
            assertEquals(List.of("ftyp", "moov"), Boxes.types(Boxes.top(init)), r.label());
            Stream s = stream.stream(r);
            assertTrue(!s.isReady(0) && !java.nio.file.Files.exists(Fixtures.segmentFile(s, 0)), r.label() + ": no head went back to 0 for the init");
            for (RunningHead h : stream.runningHeads()) assertTrue(h.position() >= deep, "a head at " + h.position());
        }
    }

    @Test
    void anOpenGopOriginalStartsEachFragmentAtItsEarliestPictureSoEveryReaderSeesOneTimeline() throws Exception {
        Fixture f = TestMedia.openGopHevcMkv();
        // x265's CRA every 50 frames (a copy could not cut anywhere else: it would fail saying so)
        FileStream stream = Fixtures.stream(f, dir, new double[] {0, 2, 4, 6, 8, 10});
        Rendition original = Rendition.videoOriginal(0);
        Path init = get(stream.init(original));
        assertEquals("hvc1", Boxes.sampleEntry(init));
        int count = stream.stream(original).segmentCount();
        List<Boxes.Fragment> fragments = new ArrayList<>();
        List<WrittenSegment> read = new ArrayList<>();
        boolean leading = false;
        for (int n = 0; n < count; n++) {
            Path segment = get(stream.segment(original, n));
            Boxes.Fragment fragment = Boxes.fragment(segment);
            fragments.add(fragment);
            long earliest = Long.MAX_VALUE, decode = fragment.baseMediaDecodeTime();
            for (Boxes.Sample s : fragment.samples()) {
                earliest = Math.min(earliest, decode + s.compositionOffset());
                decode += s.duration();
            }
            // CMAF: the tfdt is where the fragment starts showing, leading pictures included
            assertEquals(earliest, fragment.baseMediaDecodeTime(), "segment " + n);
            leading |= fragment.samples().get(0).compositionOffset() > 0;
            read.add(WrittenSegment.read(Boxes.joined(init, segment, dir.resolve("open-" + n + ".mp4"))));
        }
        assertTrue(leading, "the fixture's keyframes have leading pictures (shown before them)");
        assertContinuous(fragments);
        // libav (ffprobe, mpv) moves a fragment later by its largest negative composition offset:
        // read alone, each fragment must still start where the one before ends
        for (int n = 1; n < count; n++) {
            assertEquals(read.get(n - 1).end(), read.get(n).start(), 0.02, "libav reads a hole or a repeat before segment " + n);
        }
    }

    @Test
    void aTranscodedQualityLinesUpWhicheverHeadMadeTheSegment() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        Rendition p240 = Rendition.video(0, Quality.P240);
        FileStream inOrder = Fixtures.stream(f, dir.resolve("a"), VideoPipeline.FrameObserver.NONE);
        List<Boxes.Fragment> fragments = new ArrayList<>();
        for (int n = 0; n < 5; n++) fragments.add(Boxes.fragment(get(inOrder.segment(p240, n))));
        assertContinuous(fragments);
        Path init = get(inOrder.init(p240));
        assertEquals("avc1", Boxes.sampleEntry(init));

        // another stream's first head starts at segment 4 after an exact seek
        FileStream seeking = Fixtures.stream(f, dir.resolve("b"), VideoPipeline.FrameObserver.NONE);
        Path deep = get(seeking.segment(p240, 4));
        Boxes.Fragment alone = Boxes.fragment(deep);
        assertEquals(fragments.get(4).baseMediaDecodeTime(), alone.baseMediaDecodeTime(), "tfdt is absolute, not the head's");
        long scale = Boxes.timescale(init);
        assertEquals(0, fragments.get(0).baseMediaDecodeTime(), "the first segment starts at 0, not before");
        assertEquals(Fixtures.keyframes(f.spec())[4] * scale, alone.baseMediaDecodeTime(), scale * 0.001);
        // the same samples at the same times; their sizes are the encoder's, which x264's threads
        // may vary by a few bytes from one encode to the next
        assertEquals(timing(fragments.get(4)), timing(alone));
        WrittenSegment decoded = WrittenSegment.read(Boxes.joined(get(seeking.init(p240)), deep, dir.resolve("deep.mp4")));
        assertTrue(Boxes.opensOnIdr(alone));
        assertEquals(Fixtures.keyframes(f.spec())[4], decoded.start(), 0.1);
        assertEquals(240, decoded.height(), "240p");
    }

    /** Each sample's duration and composition offset: where a player shows it. */
    private static List<List<Long>> timing(Boxes.Fragment fragment) {
        return fragment.samples().stream().map(s -> List.of(s.duration(), (long) s.compositionOffset())).toList();
    }

    @Test
    void copiedAudioHoldsTheSourcePacketsBitForBit() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = Fixtures.stream(f, dir, VideoPipeline.FrameObserver.NONE);
        int segments = Fixtures.keyframes(f.spec()).length;
        for (int track = 0; track < 2; track++) {
            Rendition original = Rendition.audioOriginal(track);
            List<byte[]> copied = new ArrayList<>();
            List<Boxes.Fragment> fragments = new ArrayList<>();
            for (int n = 0; n < segments; n++) {
                Boxes.Fragment fragment = Boxes.fragment(get(stream.segment(original, n)));
                fragments.add(fragment);
                copied.addAll(fragment.data());
            }
            assertContinuous(fragments);
            Path init = get(stream.init(original));
            assertEquals(track == 0 ? "mp4a" : "ac-3", Boxes.sampleEntry(init));
            // an encoder's priming packet stamped before 0 is left out: tfdt cannot be negative
            List<byte[]> source = Boxes.sourceAudioPackets(f.path(), track, 0);
            assertEquals(source.size(), copied.size(), "track " + track + ": every packet once");
            for (int i = 0; i < source.size(); i++) assertArrayEquals(source.get(i), copied.get(i), "track " + track + " packet " + i);
        }
    }

    @Test
    void aDeepSegmentOfCopiedAudioIsTheSameWhoeverCutIt() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        Rendition original = Rendition.audioOriginal(1);
        FileStream inOrder = Fixtures.stream(f, dir.resolve("a"), VideoPipeline.FrameObserver.NONE);
        Boxes.Fragment sequential = null;
        for (int n = 0; n <= 9; n++) sequential = Boxes.fragment(get(inOrder.segment(original, n)));
        FileStream seeking = Fixtures.stream(f, dir.resolve("b"), VideoPipeline.FrameObserver.NONE);
        Boxes.Fragment deep = Boxes.fragment(get(seeking.segment(original, 9)));
        assertEquals(sequential.baseMediaDecodeTime(), deep.baseMediaDecodeTime());
        assertEquals(sequential.samples(), deep.samples());
    }

    @Test
    void theAacLadderEncodesStereoAtTheAskedRateOnTheSameBoundaries() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = Fixtures.stream(f, dir, VideoPipeline.FrameObserver.NONE);
        Rendition aac = Rendition.audio(1, 192_000);
        double[] kf = Fixtures.keyframes(f.spec());
        List<Boxes.Fragment> fragments = new ArrayList<>();
        Path init = null;
        for (int n = 0; n < 4; n++) {
            Path segment = get(stream.segment(aac, n));
            init = get(stream.init(aac));
            fragments.add(Boxes.fragment(segment));
            WrittenSegment decoded = WrittenSegment.read(Boxes.joined(init, segment, dir.resolve("a" + n + ".mp4")));
            assertEquals("aac", decoded.codec());
            assertEquals(2, decoded.channels());
            assertEquals(kf[n], decoded.start(), 0.025, "segment " + n + " starts on the video's boundary");
        }
        assertEquals("mp4a", Boxes.sampleEntry(init));
        assertContinuous(fragments);
    }

    /** Each fragment starts where the one before ends, in decode time, none before 0. */
    static void assertContinuous(List<Boxes.Fragment> fragments) {
        assertTrue(fragments.get(0).baseMediaDecodeTime() >= 0, "tfdt is unsigned: " + fragments.get(0).baseMediaDecodeTime());
        for (int n = 1; n < fragments.size(); n++) {
            assertTrue(fragments.get(n).baseMediaDecodeTime() > fragments.get(n - 1).baseMediaDecodeTime(), "tfdt grows at " + n);
            assertEquals(fragments.get(n - 1).end(), fragments.get(n).baseMediaDecodeTime(), "segment " + n + " follows on");
        }
    }
}
