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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A player's wait for a segment no head is making, over HTTP: a server just started on a known
 * file (info and keyframes read back from its metadata folder, playlists fetched), then one GET of
 * a segment deep in the file, body read to the end. Its baseline is the original's ffmpeg head for
 * the same segment (FirstSegmentBenchmark), which leaves out the original's own HTTP cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class HttpColdHeadBenchmark {
    @Param({"720p"})
    public String head;

    @Param({"deep"})
    public String at;

    private Path file;
    private String segmentRoute;
    private String playlistRoute;
    private Path metadata;
    private Path cache;
    private Path log;
    private ServerProcess server;
    private String key;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        key = Failures.key(HttpColdHeadBenchmark.class, "ours", "head=" + head, "at=" + at);
        Failures.guard(key, () -> {
            file = BenchMedia.mkv().path();
            Head h = Head.fromLabel(head);
            String stream = h.isAudio() ? "/audio/0" : "/" + h.label();
            int segment = HeadRun.segmentAt(at);
            segmentRoute = ServerProcess.route(file, stream + "/segment-" + segment + ".ts");
            playlistRoute = ServerProcess.route(file, stream + "/index.m3u8");
            metadata = InProcessEngine.freshDir("http-metadata");
            log = Failures.reportsDir().resolve("server-cold-head.log");
            // a first server learns the file: info.json and the complete keyframes.json
            startServer();
            try {
                server.text(ServerProcess.route(file, "/info"), "bench-warm");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!server.text(playlistRoute, "bench-warm").contains("#EXT-X-ENDLIST")) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("keyframe scan did not end in 60 s");
                    Thread.sleep(100);
                }
            } finally {
                stopServer();
            }
            return null;
        });
    }

    @Setup(Level.Iteration)
    public void fresh() throws Exception {
        Failures.guard(key, () -> {
            startServer();
            server.text(ServerProcess.route(file, "/info"), "bench-player");
            server.text(ServerProcess.route(file, "/master.m3u8"), "bench-player");
            server.text(playlistRoute, "bench-player");
            return null;
        });
    }

    @TearDown(Level.Iteration)
    public void stopServer() {
        if (server != null) server.close();
        server = null;
        InProcessEngine.delete(cache);
    }

    @TearDown(Level.Trial)
    public void finish() {
        InProcessEngine.delete(metadata);
    }

    private void startServer() throws Exception {
        cache = InProcessEngine.freshDir("http-cache");
        server = ServerProcess.start(file.getParent(), cache, metadata, log);
    }

    @Benchmark
    public long ours() throws Exception {
        return Failures.guard(key, () -> server.get(segmentRoute, "bench-player"));
    }
}
