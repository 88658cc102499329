package org.kyoo.transcoder.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serving a segment that is already made, over HTTP: requests per second for the original's first
 * segment (a 5 s 1080p transmux, ~3 MB), two clients at once, bodies read to the end. The runner
 * turns it into MB/s with the segment's size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(2)
public class HttpCachedSegmentBenchmark {
    static final String KEY = Failures.key(HttpCachedSegmentBenchmark.class, "ours");

    private Path metadata;
    private Path cache;
    private ServerProcess server;
    private String segmentRoute;
    /** The segment's size in bytes, for MB/s. */
    public long segmentBytes;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        Failures.guard(KEY, () -> {
            Path file = BenchMedia.mkv().path();
            metadata = InProcessEngine.freshDir("http-metadata");
            cache = InProcessEngine.freshDir("http-cache");
            Path log = Failures.reportsDir().resolve("server-cached-segment.log");
            server = ServerProcess.start(file.getParent(), cache, metadata, log);
            server.text(ServerProcess.route(file, "/original/index.m3u8"), "bench-player");
            segmentRoute = ServerProcess.route(file, "/original/segment-0.ts");
            segmentBytes = server.get(segmentRoute, "bench-player");
            SegmentSize.write(segmentBytes);
            return null;
        });
    }

    @TearDown(Level.Trial)
    public void finish() {
        if (server != null) server.close();
        InProcessEngine.delete(cache);
        InProcessEngine.delete(metadata);
    }

    @Benchmark
    public long ours() throws Exception {
        return Failures.guard(KEY, () -> server.get(segmentRoute, "bench-player"));
    }
}
