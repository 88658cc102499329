package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.engine.scheduling.ExpectedTime;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.Ticker;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;

/** A player that switches quality leaves the old quality's head to nobody: it pauses at once, on real media. */
class QualitySwitchTest {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    @Test
    void theHeadOfTheQualityAPlayerLeftPausesWhileTheOtherPlayersHeadGoesOn() throws Exception {
        Fixture f = TestMedia.manySegments();
        // a buffer longer than the file: only the switch can pause a head here
        Scheduler scheduler = new Scheduler(new SchedulerSettings(ExpectedTime.RULE, 2, 2, 10_000, Duration.ofMinutes(10)), Ticker.SYSTEM);
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE, scheduler);
        Demand a = Demand.of("a");
        stream.segment(Rendition.tsVideo(Quality.P240), 0, a).get(60, TimeUnit.SECONDS);
        EncoderHead old = stream.stream(Rendition.tsVideo(Quality.P240)).heads().get(0);
        var switched = stream.segment(Rendition.tsVideo(Quality.P360), 1, a);
        await(() -> old.runState() == HeadState.State.PAUSED || old.join(0));
        assertFalse(old.join(0), "it paused, not ended: " + old);
        switched.get(60, TimeUnit.SECONDS);
        assertTrue(old.runState() == HeadState.State.PAUSED, "still paused: " + old);
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("never happened");
            Thread.sleep(5);
        }
    }
}
