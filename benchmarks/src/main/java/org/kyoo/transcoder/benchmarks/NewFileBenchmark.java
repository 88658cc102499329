package org.kyoo.transcoder.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.benchmarks.baseline.BundledTools;
import org.kyoo.transcoder.benchmarks.baseline.KeyframesBaseline;
import org.kyoo.transcoder.benchmarks.baseline.ProbeBaseline;
import org.kyoo.transcoder.engine.media.MediaInfo;
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
 * What a file never seen before costs before its first head can start, split into its parts:
 * the media probe, the complete keyframe index, and both together (the original runs its two
 * ffprobe processes side by side; the engine indexes after probing). Metadata folders are new for
 * every measurement, so nothing is read back from info.json or keyframes.json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class NewFileBenchmark {
    /** "mkv": Matroska with Cues; "mkv-nocues": without (keyframes by packet scan); "mp4": the same packets in MP4. */
    @Param({"mkv", "mkv-nocues", "mp4"})
    public String container;

    Path file;

    @Setup(Level.Trial)
    public void media() {
        file = BenchMedia.file(container);
    }

    String key(String method) {
        return Failures.key(NewFileBenchmark.class, method, "container=" + container);
    }

    @State(Scope.Benchmark)
    public static class Ours {
        Path file;
        String container;
        MediaInfo info;
        Path metadata;
        Path cache;
        InProcessEngine engine;

        @Setup(Level.Trial)
        public void probeOnce(NewFileBenchmark b) throws Exception {
            file = b.file;
            container = b.container;
            // the keyframes-only figure takes the info as known, as the keyframe store does
            fresh();
            try {
                info = engine.info(file);
            } catch (RuntimeException e) {
                // no info: none of the in-process figures of this file can be made
                for (String m : new String[] {"probeOurs", "keyframesOurs", "bothOurs"}) Failures.record(b.key(m), e);
                throw e;
            } finally {
                release();
            }
        }

        @Setup(Level.Iteration)
        public void fresh() {
            metadata = InProcessEngine.freshDir("metadata");
            cache = InProcessEngine.freshDir("cache");
            engine = new InProcessEngine(metadata, cache, true);
        }

        @TearDown(Level.Iteration)
        public void release() {
            engine.close();
            InProcessEngine.delete(metadata);
            InProcessEngine.delete(cache);
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        BundledTools tools;

        @Setup(Level.Trial)
        public void tools(NewFileBenchmark b) throws Exception {
            for (String m : new String[] {"probeBaseline", "keyframesBaseline", "bothBaseline"}) {
                Failures.guard(b.key(m), () -> { BaselineGate.require(); return null; });
            }
            tools = BundledTools.find();
        }
    }

    @Benchmark
    public Object probeOurs(Ours s) throws Exception {
        return Failures.guard(key("probeOurs"), () -> s.engine.info(file));
    }

    @Benchmark
    public Object probeBaseline(Baseline s) throws Exception {
        return Failures.guard(key("probeBaseline"), () -> ProbeBaseline.run(s.tools, file));
    }

    @Benchmark
    public Object keyframesOurs(Ours s) throws Exception {
        return Failures.guard(key("keyframesOurs"), () -> s.engine.keyframes(file, s.info));
    }

    @Benchmark
    public Object keyframesBaseline(Baseline s) throws Exception {
        return Failures.guard(key("keyframesBaseline"), () -> KeyframesBaseline.scan(s.tools, file));
    }

    @Benchmark
    public Object bothOurs(Ours s) throws Exception {
        return Failures.guard(key("bothOurs"), () -> s.engine.keyframes(file, s.engine.info(file)));
    }

    @Benchmark
    public Object bothBaseline(Baseline s) throws Exception {
        return Failures.guard(key("bothBaseline"), () -> {
            // NewFileStream starts the probe and the keyframe scan together and waits for both
            CompletableFuture<Object> probe = CompletableFuture.supplyAsync(() -> {
                try {
                    return ProbeBaseline.run(s.tools, file);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            double[] keyframes = KeyframesBaseline.scan(s.tools, file);
            return new Object[] {probe.get(), keyframes};
        });
    }
}
