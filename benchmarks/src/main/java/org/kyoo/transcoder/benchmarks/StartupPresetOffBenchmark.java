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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 720p first segment at a deep seek with the start-up preset disabled: what in-process gains
 * without encoding the first segment faster. Its baseline is FirstSegmentBenchmark's 720p deep.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class StartupPresetOffBenchmark {
    static final String KEY = Failures.key(StartupPresetOffBenchmark.class, "ours");
    private HeadRun run;

    @Setup(Level.Trial)
    public void prepare() throws Exception {
        run = new HeadRun.Ours(Head.P720, "deep", false);
        Failures.guard(KEY, () -> { run.prepare(); return null; });
    }

    @Setup(Level.Iteration)
    public void fresh() throws Exception {
        Failures.guard(KEY, () -> { run.fresh(); return null; });
    }

    @TearDown(Level.Iteration)
    public void release() { run.release(); }

    @TearDown(Level.Trial)
    public void finish() { run.finish(); }

    @Benchmark
    public Path ours() throws Exception {
        return Failures.guard(KEY, run::firstSegment);
    }
}
