package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.probing.MediaProber;

/** The container index paths the fixtures do not take on their own (see also KeyframeReadingTest). */
class ContainerKeyframesTest {
    @Test
    void mp4PresentationTimesReadKeyframeByKeyframeAreTheEncodersKeyframes() {
        // The path taken when the first keyframe's composition shift does not hold for the others.
        Fixture mp4 = TestMedia.mp4();
        try (MediaInput input = MediaInput.open(mp4.path())) {
            int video = input.firstVideoStream();
            long[] decodeTimes = ContainerKeyframes.keyframeEntries(input.stream(video));
            long[] ticks = ContainerKeyframes.mp4PresentationTimes(input, video, decodeTimes, 0);
            assertNotNull(ticks);
            double den = input.stream(video).time_base().den();
            double[] expected = mp4.spec().video().keyframes();
            assertEquals(expected.length, ticks.length);
            for (int i = 0; i < ticks.length; i++) assertEquals(expected[i], ticks[i] / den, 0.0001);
            assertTrue(decodeTimes[0] < ticks[0], "with B-frames decode times are earlier than presentation times");
        }
    }

    @Test
    void indexEntriesReadInBulkEqualThoseReadOneByOne() {
        Path mp4 = TestMedia.mp4().path();
        try (MediaInput input = MediaInput.open(mp4)) {
            var stream = input.stream(input.firstVideoStream());
            int count = org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count(stream);
            long[] oneByOne = java.util.stream.IntStream.range(0, count)
                    .mapToObj(i -> org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry(stream, i))
                    .filter(e -> (e.flags() & 1) != 0).mapToLong(e -> e.timestamp()).toArray();
            long[] bulk = ContainerKeyframes.keyframeEntriesInBulk(stream, count);
            assertNotNull(bulk, "the index memory has the expected layout");
            assertArrayEquals(oneByOne, bulk);
            assertArrayEquals(oneByOne, ContainerKeyframes.keyframeEntries(stream));
        }
    }

    @Test
    void theProbeReadsTheIndexOfMatroskaAndMp4ButNotOfMpegTs() {
        MediaProber prober = new MediaProber();
        for (Fixture f : new Fixture[] {TestMedia.multiTrackMkv(), TestMedia.mp4(), TestMedia.variableFrameRate()}) {
            double[] keyframes = prober.probeWithKeyframes(f.path(), "sha").keyframes();
            assertNotNull(keyframes, f.path().toString());
            assertEquals(f.spec().video().keyframes().length, keyframes.length);
        }
        assertEquals(null, prober.probeWithKeyframes(TestMedia.mpegTsOffset().path(), "sha").keyframes());
        assertEquals(null, prober.probeWithKeyframes(TestMedia.audioOnly().path(), "sha").keyframes());
        assertEquals(null, prober.probeWithKeyframes(TestMedia.truncated(), "sha").keyframes(), "no Cues: scanned");
    }
}
