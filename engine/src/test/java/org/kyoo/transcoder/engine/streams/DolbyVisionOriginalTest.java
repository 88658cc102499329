package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.HdrMedia;

/**
 * A Dolby Vision original copied to fMP4 keeps its configuration box, under the sample entry
 * Apple's rules ask for: {@code hvc1} with {@code dvvC} for profile 8 (its HDR10 base plays
 * anywhere), {@code dvh1} with {@code dvcC} for profile 5 (only Dolby Vision decoders show it right).
 */
class DolbyVisionOriginalTest {
    @TempDir Path dir;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    private Path init(Fixture f) throws Exception {
        FileStream stream = Fixtures.stream(f, dir, VideoPipeline.FrameObserver.NONE);
        return ((Stored.LocalFile) stream.init(Rendition.videoOriginal(0)).get(120, TimeUnit.SECONDS)).path();
    }

    private static boolean holds(Path file, String box) {
        return new String(Boxes.bytes(file), StandardCharsets.ISO_8859_1).contains(box);
    }

    @Test
    void profile8KeepsHvc1AndItsDolbyVisionBox() throws Exception {
        Path init = init(HdrMedia.dolbyVision8());
        assertEquals("hvc1", Boxes.sampleEntry(init));
        assertTrue(holds(init, "dvvC"), "profile 8's record goes in dvvC");
    }

    @Test
    void profile5IsTaggedDvh1WithItsDolbyVisionBox() throws Exception {
        Path init = init(HdrMedia.dolbyVision5());
        assertEquals("dvh1", Boxes.sampleEntry(init));
        assertTrue(holds(init, "dvcC"), "profile 5's record goes in dvcC");
    }

    @Test
    void hdr10KeepsItsLightLevelsAndNoDolbyVisionBox() throws Exception {
        Path init = init(HdrMedia.hdr10());
        assertEquals("hvc1", Boxes.sampleEntry(init));
        assertTrue(holds(init, "mdcv") && holds(init, "clli"), "the mastering display and content light boxes");
        assertTrue(!holds(init, "dvcC") && !holds(init, "dvvC"));
    }
}
