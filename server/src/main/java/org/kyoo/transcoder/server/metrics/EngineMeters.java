package org.kyoo.transcoder.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kyoo.transcoder.engine.events.EngineListener;
import org.kyoo.transcoder.engine.events.HeadReport;
import org.kyoo.transcoder.engine.events.HeadStart;

/** The engine's facts as meters: heads running, segments made, encode speed, cold starts, keyframe scans, failures. */
final class EngineMeters implements EngineListener {
    /** The kinds of head; registered up front so a scrape shows them at 0 before any head ran. */
    static final List<String> KINDS = List.of("video", "audio", "transmux");

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    EngineMeters(MeterRegistry registry) {
        this.registry = registry;
        for (String kind : KINDS) {
            running(kind);
            produced(kind);
        }
    }

    private AtomicInteger running(String kind) {
        return running.computeIfAbsent(kind, k -> {
            AtomicInteger count = new AtomicInteger();
            Gauge.builder("transcoder.heads.running", count, AtomicInteger::get)
                    .description("Encoder heads making segments now")
                    .tag("kind", k)
                    .register(registry);
            return count;
        });
    }

    private Counter produced(String kind) {
        return Counter.builder("transcoder.segments.produced")
                .description("Segments made and published on disk")
                .tag("kind", kind)
                .register(registry);
    }

    @Override
    public void headStarted(HeadStart start) {
        running(start.kind()).incrementAndGet();
    }

    @Override
    public void headEnded(HeadReport report) {
        running(report.kind()).decrementAndGet();
        if (report.segments() > 0) {
            DistributionSummary.builder("transcoder.encode.speed")
                    .description("Media seconds made per wall second by a head (x real time)")
                    .tag("kind", report.kind())
                    .register(registry)
                    .record(report.speed());
        }
        if (report.failure() != null) {
            Counter.builder("transcoder.head.failures")
                    .description("Heads that stopped on an error")
                    .tag("kind", report.kind())
                    .register(registry)
                    .increment();
        }
    }

    @Override
    public void segmentProduced(String kind) {
        produced(kind).increment();
    }

    @Override
    public void firstSegment(String kind, Duration took) {
        Timer.builder("transcoder.head.cold.start")
                .description("From a head's start to its first segment on disk")
                .tag("kind", kind)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    @Override
    public void chaptersIdentified(Duration took, String outcome) {
        Timer.builder("transcoder.chapters.identify")
                .description("Identifications of an episode's intro and credits against its neighbours, start to end")
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }

    @Override
    public void keyframesIndexed(Duration took, boolean failed) {
        Timer.builder("transcoder.keyframes.index")
                .description("A file's keyframe scan, start to end")
                .tag("outcome", failed ? "failed" : "done")
                .register(registry)
                .record(took);
    }
}
