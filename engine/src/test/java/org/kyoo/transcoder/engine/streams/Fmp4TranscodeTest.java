package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
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
 * Upstream's {@code transcode} rendition: the source re-encoded to H.264 at its own size (the
 * master announces the source's RESOLUTION for it), where a quality of the ladder scales to its
 * height. Browsers show the picture's size; a level that says otherwise is one they mislabel.
 */
class Fmp4TranscodeTest {
    @TempDir Path dir;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    private static Path get(CompletableFuture<Stored> f) throws Exception {
        return ((Stored.LocalFile) f.get(120, TimeUnit.SECONDS)).path();
    }

    private WrittenSegment segment(FileStream stream, Rendition rendition, int n) throws Exception {
        Path fragment = get(stream.segment(rendition, n));
        Path init = get(stream.init(rendition));
        assertEquals("avc1", Boxes.sampleEntry(init), rendition.label());
        assertTrue(Boxes.opensOnIdr(Boxes.fragment(fragment)), rendition.label() + " segment " + n + " opens on an IDR");
        return WrittenSegment.read(Boxes.joined(init, fragment, dir.resolve(rendition.label() + "-" + n + ".mp4")));
    }

    @Test
    void transcodeKeepsTheSourcesSizeWhereTheSameQualityScalesToItsHeight() throws Exception {
        // 320x180 HEVC: its quality class is 240p, whose rates the transcode takes, not its height
        Fixture f = TestMedia.hevcWithOpusAndAac();
        FileStream stream = Fixtures.stream(f, dir.resolve("cache"), VideoPipeline.FrameObserver.NONE);

        WrittenSegment transcode = segment(stream, Rendition.videoTranscode(0, Quality.P240), 1);
        assertEquals("h264", transcode.codec());
        assertEquals(320, transcode.width());
        assertEquals(180, transcode.height());

        WrittenSegment p240 = segment(stream, Rendition.video(0, Quality.P240), 1);
        assertEquals(426, p240.width());
        assertEquals(240, p240.height());
    }
}
