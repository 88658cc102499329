package org.kyoo.transcoder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kyoo.transcoder.benchmarks.baseline.BundledTools;
import org.kyoo.transcoder.benchmarks.baseline.KeyframesBaseline;
import org.kyoo.transcoder.benchmarks.baseline.ProbeBaseline;
import org.kyoo.transcoder.benchmarks.baseline.SegmentBaseline;

/**
 * {@code java -cp benchmarks.jar org.kyoo.transcoder.benchmarks.BaselineCheck}: whether the baseline
 * can run here, and one untimed-by-JMH run of each baseline step, to see its arguments work.
 */
public final class BaselineCheck {
    private BaselineCheck() {}

    public static void main(String[] args) throws Exception {
        BundledTools.Availability availability = BundledTools.check();
        System.out.println("baseline: " + (availability.ok() ? "can run" : "cannot run: " + availability.reason()));
        if (!availability.ok()) return;
        BundledTools tools = BundledTools.find();
        System.out.println("ffmpeg: " + tools.ffmpeg());
        Path file = BenchMedia.mkv().path();
        long t = System.nanoTime();
        ProbeBaseline.Probe probe = ProbeBaseline.probe(tools, file);
        System.out.printf("probe %s: %.0f ms%n", probe, (System.nanoTime() - t) / 1e6);
        t = System.nanoTime();
        double[] kf = KeyframesBaseline.scan(tools, file);
        System.out.printf("keyframes: %d in %.0f ms%n", kf.length, (System.nanoTime() - t) / 1e6);
        Path out = Files.createTempDirectory("baseline-check");
        for (Head head : Head.values()) {
            for (int segment : new int[] {0, kf.length * 3 / 4}) {
                t = System.nanoTime();
                try (SegmentBaseline.Running running = SegmentBaseline.start(tools, file, head, kf, probe, segment, out.resolve(head.label() + "-" + segment))) {
                    Path made = running.awaitListed();
                    System.out.printf("%s segment %d: %.0f ms, %d bytes%n", head.label(), segment, (System.nanoTime() - t) / 1e6, Files.size(made));
                }
            }
        }
    }
}
