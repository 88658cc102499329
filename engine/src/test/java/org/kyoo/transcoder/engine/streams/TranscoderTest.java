package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.testmedia.SegmentChecks;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

class TranscoderTest {
    @TempDir Path root;

    @Test
    void segmentsOfAProbedFileFollowItsKeyframesAndGoWithDestroy() throws Exception {
        EngineSettings settings = Fixtures.settings(root.resolve("cache"));
        Files.createDirectories(settings.cacheRoot().resolve("stale"));
        LocalStore metadata = new LocalStore(settings.metadataRoot());
        try (KeyframeStore keyframes = new KeyframeStore(metadata);
             Transcoder transcoder = new Transcoder(settings, new MediaInfoStore(metadata), keyframes)) {
            assertFalse(Files.exists(settings.cacheRoot().resolve("stale")), "the cache is emptied at start-up");
            for (Fixture f : new Fixture[] {TestMedia.mpegTsOffset(), TestMedia.multiTrackMkv()}) {
                String sha = FileIdentity.sha(f.path());
                FileStream stream = transcoder.fileStream(f.path(), sha);
                assertSame(stream, transcoder.fileStream(f.path(), sha));
                double[] kf = f.spec().video().keyframes();
                WrittenSegment video = WrittenSegment.read(stream.segment(Rendition.tsVideo(Quality.P240), 2).join());
                SegmentChecks.assertSourceFrames(f.spec(), kf, 2, video);
                WrittenSegment audio = WrittenSegment.read(stream.segment(Rendition.tsAudio(0), 2).join());
                assertEquals(kf[2], audio.start(), SegmentChecks.SAME_TIME);
                transcoder.destroy(f.path());
                assertTrue(transcoder.existing(f.path()).isEmpty());
                assertFalse(Files.exists(settings.cacheRoot().resolve(sha)), "cached segments deleted");
            }
            MediaException e = assertThrows(MediaException.class, () -> transcoder.fileStream(TestMedia.randomBytes(), "x"));
            assertTrue(transcoder.existing(TestMedia.randomBytes()).isEmpty(), "a failure is not kept: " + e.getMessage());
        }
    }
}
