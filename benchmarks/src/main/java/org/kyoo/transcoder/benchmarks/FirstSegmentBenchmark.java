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
 * Time to the first segment of a cold head, in-process against the original's ffmpeg per head, at
 * the start of the file and deep in it (a seek). The start-up preset is on, as by default.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class FirstSegmentBenchmark {
    @Param({"original", "720p", "480p", "audio"})
    public String head;

    @Param({"start", "deep"})
    public String at;

    String key(String method) {
        return Failures.key(FirstSegmentBenchmark.class, method, "head=" + head, "at=" + at);
    }

    @State(Scope.Benchmark)
    public static class Ours {
        HeadRun run;
        String key;

        @Setup(Level.Trial)
        public void prepare(FirstSegmentBenchmark b) throws Exception {
            key = b.key("ours");
            run = new HeadRun.Ours(Head.fromLabel(b.head), b.at, true);
            Failures.guard(key, () -> { run.prepare(); return null; });
        }

        @Setup(Level.Iteration)
        public void fresh() throws Exception {
            Failures.guard(key, () -> { run.fresh(); return null; });
        }

        @TearDown(Level.Iteration)
        public void release() { run.release(); }

        @TearDown(Level.Trial)
        public void finish() { run.finish(); }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        HeadRun run;
        String key;

        @Setup(Level.Trial)
        public void prepare(FirstSegmentBenchmark b) throws Exception {
            key = b.key("baseline");
            run = new HeadRun.Baseline(Head.fromLabel(b.head), b.at);
            Failures.guard(key, () -> { run.prepare(); return null; });
        }

        @Setup(Level.Iteration)
        public void fresh() throws Exception { run.fresh(); }

        @TearDown(Level.Iteration)
        public void release() { run.release(); }

        @TearDown(Level.Trial)
        public void finish() { run.finish(); }
    }

    @Benchmark
    public Path ours(Ours s) throws Exception {
        return Failures.guard(s.key, s.run::firstSegment);
    }

    @Benchmark
    public Path baseline(Baseline s) throws Exception {
        return Failures.guard(s.key, s.run::firstSegment);
    }
}
