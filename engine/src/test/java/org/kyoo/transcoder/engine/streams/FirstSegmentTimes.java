package org.kyoo.transcoder.engine.streams;

import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;

/**
 * Not a test: prints the time a player waits for the first segment of a cold head, at the start and
 * deep in a long 1080p file. Run with {@code -Dsegments.measure=true -Dtest=FirstSegmentTimes}.
 */
@EnabledIfSystemProperty(named = "segments.measure", matches = "true")
class FirstSegmentTimes {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    @Test
    void measure() throws Exception {
        Fixture f = TestMedia.long1080p(600, 5);
        int deep = Fixtures.keyframes(f.spec()).length - 10;
        int round = 0;
        for (int repeat = 0; repeat < 2; repeat++) {
            for (String kind : new String[] {"original", "720p", "720p-fast", "audio"}) {
                for (int n : new int[] {0, deep}) {
                    Path dir = cache.resolve("r" + round++);
                    // 720p-fast: the start-up preset turned off, every segment at the steady preset
                    FileStream stream = kind.equals("720p-fast")
                            ? Fixtures.stream(f, dir, new org.kyoo.transcoder.engine.EngineSettings(
                                    dir, dir, "fast", "", new org.kyoo.transcoder.engine.hardware.SoftwareProfile()))
                            : Fixtures.stream(f, dir, VideoPipeline.FrameObserver.NONE);
                    Function<Integer, java.util.concurrent.CompletableFuture<org.kyoo.transcoder.engine.storage.Stored>> segment = switch (kind) {
                        case "original" -> i -> stream.segment(Rendition.tsVideo(null), i);
                        case "720p", "720p-fast" -> i -> stream.segment(Rendition.tsVideo(Quality.P720), i);
                        default -> i -> stream.segment(Rendition.tsAudio(0), i);
                    };
                    long t0 = System.nanoTime();
                    segment.apply(n).join();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    System.out.printf("first segment %-9s at segment %3d (%.0f s): %d ms (load %.1f)%n", kind, n,
                            Fixtures.keyframes(f.spec())[n], ms, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    stream.kill();
                    stream.awaitHeads(java.time.Duration.ofSeconds(30));
                }
            }
        }
    }
}
