package org.kyoo.transcoder.benchmarks.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.Ticker;
import org.kyoo.transcoder.engine.streams.FakeStream;
import org.kyoo.transcoder.engine.streams.FileStream;
import org.kyoo.transcoder.engine.streams.Fixtures;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/** The rule the scheduler is measured against, on real media: heads as the Go original planned them. */
class DistanceRuleOnRealMediaTest {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    @Test
    void theOldDistancePlannerStartsAHeadOnlyWhenNoneWillReachTheSegmentWithinAMinute() {
        Fixture f = TestMedia.manySegments();
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE, new Scheduler(DistanceRule.settings(), Ticker.SYSTEM));
        FakeStream video = FakeStream.of(stream, Rendition.tsVideo(Quality.P240));
        video.segment(0);
        video.segment(80);
        assertEquals(2, video.heads().size(), "segment 80 is 80 s past the first head");
        video.segment(100);
        assertEquals(2, video.heads().size(), "segment 100 is 20 s past the second head: wait for it");
    }

}
