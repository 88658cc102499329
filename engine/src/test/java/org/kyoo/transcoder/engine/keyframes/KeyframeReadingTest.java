package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.Remuxer;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class KeyframeReadingTest {
    /** Matroska stores milliseconds; MP4 and MPEG-TS finer. */
    private static final double TOLERANCE = 0.0011;

    static Stream<Arguments> videoFixtures() {
        return Stream.<Supplier<Fixture>>of(TestMedia::multiTrackMkv, TestMedia::mp4, TestMedia::mp4WithoutBFrames,
                        TestMedia::mpegTsOffset, TestMedia::variableFrameRate, TestMedia::manySegments)
                .map(Supplier::get)
                .map(f -> Arguments.of(f.path().getFileName().toString(), f));
    }

    static Stream<Arguments> indexedFixtures() {
        return videoFixtures().filter(a -> !((Fixture) a.get()[1]).spec().format().equals("mpegts"));
    }

    /** The packet scan: the truth the container index must match. */
    static double[] scan(Path path) {
        KeyframeIndex index = new KeyframeIndex();
        KeyframeBatcher batcher = new KeyframeBatcher(index);
        try (MediaInput input = MediaInput.open(path)) {
            PacketKeyframeScanner.scan(input, input.firstVideoStream(), batcher, () -> false);
        }
        batcher.publish();
        return index.toArray();
    }

    static double[] containerIndex(Path path) {
        try (MediaInput input = MediaInput.open(path)) {
            return ContainerKeyframes.read(input, input.firstVideoStream(), input.duration());
        }
    }

    static void assertTimes(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": " + Arrays.toString(actual));
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], TOLERANCE, what + " keyframe " + i);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videoFixtures")
    void packetScanFindsTheKeyframesTheEncoderWasToldToMake(String name, Fixture fixture) {
        assertTimes(fixture.spec().video().keyframes(), scan(fixture.path()), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexedFixtures")
    void containerIndexGivesExactlyThePacketScansPresentationTimes(String name, Fixture fixture) {
        double[] indexed = containerIndex(fixture.path());
        assertNotNull(indexed, "the index of " + name + " is used");
        // Same source, same arithmetic: equal, not merely close (B-frames included: MP4 decode times are converted).
        assertArrayEquals(scan(fixture.path()), indexed, name);
    }

    @Test
    void matroskaWithoutCuesIsScanned(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Fixture many = TestMedia.manySegments();
        Path live = tmp.resolve("live.mkv");
        // A live-written Matroska file has no Cues.
        Remuxer.remux(many.path(), live, "matroska", java.util.Map.of("live", "1"));
        assertNull(containerIndex(live));
        double[] read = KeyframeReader.read(live, -1, new KeyframeIndex(), () -> false);
        assertTimes(many.spec().video().keyframes(), read, "live.mkv");
    }

    @Test
    void mpegTsKeepsItsOwnTimelineStartingAtTenSeconds() {
        double[] keyframes = scan(TestMedia.mpegTsOffset().path());
        assertEquals(10.0, keyframes[0], TOLERANCE);
        try (MediaInput input = MediaInput.open(TestMedia.mpegTsOffset().path())) {
            assertNull(ContainerKeyframes.read(input, input.firstVideoStream(), 20), "MPEG-TS has no index: scanned");
        }
    }

    @Test
    void aTruncatedFileHasTheKeyframesOfWhatRemains() {
        double[] all = TestMedia.multiTrackMkv().spec().video().keyframes();
        double[] found = KeyframeReader.read(TestMedia.truncated(), -1, new KeyframeIndex(), () -> false);
        assertTrue(found.length >= 2 && found.length < all.length, Arrays.toString(found));
        assertTimes(Arrays.copyOf(all, found.length), found, "truncated");
    }

    @Test
    void filesWithoutVideoGetAKeyframeEveryTwoSeconds() {
        KeyframeIndex audio = new KeyframeIndex();
        double[] m4a = KeyframeReader.read(TestMedia.audioOnly().path(), 13, audio, () -> false);
        assertArrayEquals(new double[] {0, 2, 4, 6, 8, 10, 12}, m4a);
        assertArrayEquals(m4a, audio.toArray());
        // A cover picture is one frame: not a video to cut.
        double[] mp3 = KeyframeReader.read(TestMedia.coverPicture().path(), 9, new KeyframeIndex(), () -> false);
        assertArrayEquals(new double[] {0, 2, 4, 6, 8}, mp3);
    }

    @Test
    void theFirstHundredArriveAsOneBatchThenTheRest() {
        Fixture many = TestMedia.manySegments();
        KeyframeIndex index = new KeyframeIndex();
        List<Integer> lengths = new ArrayList<>();
        index.addListener(i -> lengths.add(i.length()));
        KeyframeBatcher batcher = new KeyframeBatcher(index);
        try (MediaInput input = MediaInput.open(many.path())) {
            PacketKeyframeScanner.scan(input, input.firstVideoStream(), batcher, () -> false);
        }
        batcher.publish();
        assertEquals(List.of(100, many.spec().video().keyframes().length), lengths);
    }

    @Test
    void aCancelledScanStops() {
        try (MediaInput input = MediaInput.open(TestMedia.manySegments().path())) {
            KeyframeBatcher batcher = new KeyframeBatcher(new KeyframeIndex());
            assertThrows(CancellationException.class,
                    () -> PacketKeyframeScanner.scan(input, input.firstVideoStream(), batcher, () -> true));
        }
    }
}
