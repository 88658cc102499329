package org.kyoo.transcoder.engine.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.containers.Fmp4Split;
import org.kyoo.transcoder.engine.encoding.Presets;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.pipelines.SegmentPipeline;
import org.kyoo.transcoder.engine.pipelines.SegmentSink;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.storage.LocalStore;

/**
 * Streams whose heads run fake pipelines that take the wall time a test says, on a clock the test
 * moves: 100 segments of 4 s. A fake pipeline waiting for the test's permission passes a
 * checkpoint every 10 ms, as a real one does between two packets. For the scheduling tests here
 * and the benchmarks' tests of the rule they keep to measure against.
 */
public final class FakeStreams implements AutoCloseable {
    /** The ticker every fake stream's scheduler reads, in nanos. */
    public final AtomicLong clock = new AtomicLong(1);
    /** Every pipeline made, in the order heads started. */
    public final List<FakePipeline> pipelines = new CopyOnWriteArrayList<>();
    private final List<FakeStream> made = new CopyOnWriteArrayList<>();
    private final Path dir;

    /** @param dir where the fake segments are written */
    public FakeStreams(Path dir) {
        this.dir = dir;
    }

    /** A pipeline that makes each segment when the test lets it, moving the clock by what it "took". */
    public final class FakePipeline implements SegmentPipeline {
        public final Semaphore allowed = new Semaphore(0);
        final IntToDoubleFunction wallSeconds;
        /** "n:preset" of each segment as it began. */
        public final List<String> presets = new CopyOnWriteArrayList<>();

        /** Whether each segment comes with an fMP4 header beside it. */
        final boolean headers;

        FakePipeline(IntToDoubleFunction wallSeconds, int allowedAtOnce, boolean headers) {
            this.wallSeconds = wallSeconds;
            this.headers = headers;
            allowed.release(allowedAtOnce);
        }

        @Override
        public void run(SegmentSink sink) {
            try {
                for (int n = sink.first(); n < 100; n++) {
                    sink.starting(n);
                    presets.add(n + ":" + sink.preset(n));
                    while (!allowed.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                        sink.checkpoint();
                        if (sink.cancelled()) return;
                    }
                    if (sink.cancelled()) return;
                    clock.addAndGet((long) (wallSeconds.applyAsDouble(n) * 1e9));
                    Files.writeString(sink.temporaryFile(n), "segment " + n);
                    if (headers) Files.writeString(Fmp4Split.initFile(sink.temporaryFile(n)), "init");
                    if (!sink.publish(n)) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A stream of a video transcode at preset "fast" (no start-up preset), without prefetch.
     *
     * @param allowedAtOnce how many segments the first head may make at once; later heads only what the test allows
     * @param device        whether the heads encode on a device (their slots are its encoder sessions)
     * @param loadPreset    the preset of segments begun while the slots are over-committed; null: none
     */
    public FakeStream stream(SchedulerSettings settings, IntToDoubleFunction wallSeconds, int allowedAtOnce, boolean device,
                             String loadPreset) {
        return stream(settings, wallSeconds, allowedAtOnce, device, loadPreset, Rendition.tsVideo(Quality.P720));
    }

    /** As above, of {@code rendition} (an fMP4 one's fake segments come with a fake header, its init). */
    FakeStream stream(SchedulerSettings settings, IntToDoubleFunction wallSeconds, int allowedAtOnce, boolean device,
                      String loadPreset, Rendition rendition) {
        double[] times = new double[100];
        for (int i = 0; i < times.length; i++) times[i] = 4.0 * i;
        Scheduler scheduler = new Scheduler(settings, clock::get);
        Players players = new Players(Fixtures.NO_STREAM_CONTROL, clock::get, settings);
        Supplier<SegmentPipeline> pipeline = () -> {
            FakePipeline p = new FakePipeline(wallSeconds, pipelines.isEmpty() ? allowedAtOnce : 0, rendition.fragmented());
            pipelines.add(p);
            return p;
        };
        Stream s = new Stream(new StreamSetup(Path.of("fake"), "sha", rendition, KeyframeIndex.complete(times),
                pipeline, false, new Presets("fast", null, loadPreset), device ? scheduler.hardware() : scheduler.software(),
                new LocalStore(dir), scheduler, players, Duration.ofSeconds(600)));
        FakeStream fake = new FakeStream(s);
        made.add(fake);
        return fake;
    }

    public static SchedulerSettings settings(PlanningRule rule, double buffer, Duration idle) {
        return new SchedulerSettings(rule, 2, 2, buffer, idle);
    }

    /** Waits for something another thread does; the bound only keeps a broken build from hanging. */
    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(() -> what, condition);
    }

    public static void await(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("never happened: " + what.get());
            Thread.sleep(2);
        }
    }

    /** Segment 0 takes {@code first} (start-up), the others {@code seconds} each. */
    public static IntToDoubleFunction firstThen(double first, double seconds) {
        return n -> n == 0 ? first : seconds;
    }

    /** Stops every stream made, waiting for their heads. */
    @Override
    public void close() {
        for (FakeStream s : made) s.destroy(Duration.ofSeconds(10));
    }
}
