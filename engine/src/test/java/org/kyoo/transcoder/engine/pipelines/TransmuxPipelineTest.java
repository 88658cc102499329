package org.kyoo.transcoder.engine.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.streams.Fixtures;

class TransmuxPipelineTest {
    @TempDir Path dir;

    /** A sink over the fixture's keyframes from segment 0 that records what was published. */
    private final class Recorder implements SegmentSink {
        final double[] kf;
        final List<Integer> published = new ArrayList<>();

        Recorder(Fixture f) {
            kf = Fixtures.keyframes(f.spec());
        }

        @Override public int first() { return 0; }
        @Override public double segmentStart(int n) { return kf[n]; }
        @Override public double segmentEnd(int n) { return n + 1 < kf.length ? kf[n + 1] : Double.POSITIVE_INFINITY; }
        @Override public String preset(int n) { return "veryfast"; }
        @Override public boolean cancelled() { return false; }
        @Override public void starting(int n) {}
        @Override public Path temporaryFile(int n) { return dir.resolve(n + ".ts"); }

        @Override
        public boolean publish(int n) {
            published.add(n);
            return true;
        }
    }

    @Test
    void aSegmentHoldingMoreThanTheLimitBeforeItsNextKeyframeFailsTheHeadWithAClearError() {
        Fixture f = TestMedia.multiTrackMkv();
        Recorder sink = new Recorder(f);
        MediaException e = assertThrows(MediaException.class, () -> new TransmuxPipeline(f.path(), 4000).run(sink));
        assertTrue(e.getMessage().contains("more than 4000 bytes"), e.getMessage());
        assertEquals(List.of(), sink.published, "no segment cut short is published");
    }

    @Test
    void underTheLimitEverySegmentIsCopied() {
        Fixture f = TestMedia.multiTrackMkv();
        Recorder sink = new Recorder(f);
        new TransmuxPipeline(f.path(), 10L << 20).run(sink);
        assertEquals(sink.kf.length, sink.published.size());
    }
}
