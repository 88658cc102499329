package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.AudioPipeline;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;

/**
 * Not a test: prints the time a player waits for the first audio segment of a cold head, at the
 * start and deep in a long 1080p file. Run with {@code -Dsegments.measure=true -Dtest=AudioFirstSegmentTimes}.
 */
@EnabledIfSystemProperty(named = "segments.measure", matches = "true")
class AudioFirstSegmentTimes {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        AudioPipeline.splitFirstSegment = true;
        Fixtures.stopAll();
    }

    @Test
    void measure() throws Exception {
        Fixture f = TestMedia.long1080p(600, 5);
        double[] kf = Fixtures.keyframes(f.spec());
        int deep = kf.length - 10;
        int round = 0;
        for (int repeat = 0; repeat < 6; repeat++) {
            for (int n : new int[] {0, deep}) for (boolean split : new boolean[] {false, true}) {
                AudioPipeline.splitFirstSegment = split;
                FileStream stream = Fixtures.stream(f, cache.resolve("r" + round++), VideoPipeline.FrameObserver.NONE);
                long t0 = System.nanoTime();
                stream.segment(Rendition.tsAudio(0), n).join();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("first segment audio at segment %3d (%.0f s) %-8s: %d ms%n", n, kf[n], split ? "split" : "one", ms);
                stream.kill();
                stream.awaitHeads(java.time.Duration.ofSeconds(30));
            }
        }
    }
}
