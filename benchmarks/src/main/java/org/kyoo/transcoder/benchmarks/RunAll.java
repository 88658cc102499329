package org.kyoo.transcoder.benchmarks;

import org.kyoo.transcoder.benchmarks.baseline.BundledTools;
import org.kyoo.transcoder.benchmarks.baseline.KeyframesBaseline;
import org.kyoo.transcoder.benchmarks.baseline.ProbeBaseline;
import org.kyoo.transcoder.benchmarks.baseline.SegmentBaseline;

public final class RunAll {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        var mkv = BenchMedia.mkv();
        System.out.printf("mkv %s %.1fs%n", mkv.path(), (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        var mp4 = BenchMedia.mp4();
        System.out.printf("mp4 %s %.1fs%n", mp4, (System.nanoTime() - t0) / 1e9);
        System.out.println(BundledTools.check());
    }
}
