package org.kyoo.transcoder.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.kyoo.transcoder.benchmarks.baseline.DebianChromaprint;
import org.kyoo.transcoder.engine.fingerprints.FileFingerprints;
import org.kyoo.transcoder.engine.fingerprints.Fingerprint;
import org.kyoo.transcoder.engine.fingerprints.FingerprintStore;
import org.kyoo.transcoder.engine.fingerprints.SharedStretches;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.testmedia.Series;

/**
 * Skip intro, skip credits, measured:
 * {@code java -cp benchmarks.jar org.kyoo.transcoder.benchmarks.ChaptersBenchmark [shots] [series] [seed]}.
 * For two generated 45-minute episodes (AC-3 stereo 48 kHz in Matroska, audio only), the wall and CPU
 * time to fingerprint an episode's opening (a fifth: 9 minutes) and ending (5 minutes) in-process,
 * against upstream's way in the same run (Debian's {@code ffmpeg -f chromaprint}, a process per
 * stretch), how far our values are from upstream's, and the time to compare two episodes; then
 * {@link SeriesAccuracy} on generated series. Prints a table and writes it to
 * {@code benchmarks/target/chapters.md}.
 */
public final class ChaptersBenchmark {
    private static final double EPISODE = 45 * 60;

    private ChaptersBenchmark() {}

    public static void main(String[] args) throws Exception {
        int shots = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seriesCount = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        String baseline = DebianChromaprint.unavailable();
        if (baseline != null) throw new IllegalStateException("upstream's way cannot run here: " + baseline);
        Path scratch = Files.createTempDirectory("chapters-bench");
        Series.Episode one = Series.make("bench-45min-e1.mka", layout(1, 95));
        Series.Episode two = Series.make("bench-45min-e2.mka", layout(2, 40));
        MediaInfoStore infos = new MediaInfoStore(new LocalStore(scratch.resolve("metadata")));
        MediaInfo info = infos.get(one.path(), FileIdentity.sha(one.path()));
        MediaInfo other = infos.get(two.path(), FileIdentity.sha(two.path()));
        double opening = Math.min(info.duration() * 0.2, 600);
        double endingFrom = Math.max(0, info.duration() - 300);

        long wall = 0;
        long cpu = 0;
        List<double[]> ours = new ArrayList<>();
        List<double[]> theirs = new ArrayList<>();
        FileFingerprints mine = null;
        DebianChromaprint.Run upstreamOpening = null;
        DebianChromaprint.Run upstreamEnding = null;
        for (int shot = -1; shot < shots; shot++) {
            wall = System.nanoTime();
            cpu = cpu();
            mine = FingerprintStore.compute(one.path(), info);
            double[] o = {(System.nanoTime() - wall) / 1e9, (cpu() - cpu) / 1e9};
            upstreamOpening = DebianChromaprint.fingerprint(one.path(), 0, opening, scratch);
            upstreamEnding = DebianChromaprint.fingerprint(one.path(), endingFrom, -1, scratch);
            double[] t = {upstreamOpening.wallSeconds() + upstreamEnding.wallSeconds(),
                    upstreamOpening.cpuSeconds() + upstreamEnding.cpuSeconds()};
            // the first shot warms the JIT and the page cache for both
            if (shot >= 0) {
                ours.add(o);
                theirs.add(t);
            }
        }
        FileFingerprints second = FingerprintStore.compute(two.path(), other);
        int compares = 50;
        int found = 0;
        for (int i = 0; i < 2 * compares; i++) {
            // the first half warms the JIT; this thread's CPU only, not the compiler's
            if (i == compares) {
                wall = System.nanoTime();
                cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }
            found = SharedStretches.between(mine.opening(), second.opening()).size()
                    + SharedStretches.between(mine.ending(), second.ending()).size();
        }
        double compareWall = (System.nanoTime() - wall) / 1e9 / compares;
        double compareCpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9 / compares;

        SeriesAccuracy.Result accuracy = SeriesAccuracy.measure(seriesCount, seed, scratch);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "| figure (45-min episode: %.0f s opening + %.0f s ending) | ours (in-process) | upstream (ffmpeg -f chromaprint, 2 processes) | ours / upstream |%n",
                opening, info.duration() - endingFrom));
        md.append("|---|---|---|---|\n");
        if (shots > 0) {
            md.append(row("fingerprint one episode, wall", ours, theirs, 0));
            md.append(row("fingerprint one episode, CPU", ours, theirs, 1));
        }
        md.append(String.format(Locale.ROOT, "| compare two episodes (openings and endings; %d stretches found), wall / CPU | %.1f / %.1f ms | — | — |%n",
                found, compareWall * 1e3, compareCpu * 1e3));
        md.append(String.format(Locale.ROOT, "| our values against upstream's (opening / ending), differing bits | %s / %s | | |%n",
                differing(mine.opening(), upstreamOpening.values()), differing(mine.ending(), upstreamEnding.values())));
        md.append('\n').append(accuracyTable(accuracy, seed));
        System.out.print(md);
        Path out = Path.of("benchmarks", "target");
        if (Files.isDirectory(out)) Files.writeString(out.resolve("chapters.md"), md.toString());
    }

    /** A 45-minute episode of one series: 90 s intro with a title card, 60 s credits. */
    private static Series.Layout layout(int number, double coldOpen) {
        return new Series.Layout(7, number, coldOpen, number == 1 ? 1.5 : 0, 90, 40, 4, EPISODE - 20 - 1 - 60, 60, 20);
    }

    private static long cpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String row(String what, List<double[]> ours, List<double[]> theirs, int column) {
        double o = mean(ours, column);
        double t = mean(theirs, column);
        return String.format(Locale.ROOT, "| %s | %s | %s | %.2f |%n", what, figure(ours, column), figure(theirs, column), o / t);
    }

    private static String figure(List<double[]> shots, int column) {
        List<Double> values = new ArrayList<>();
        for (double[] s : shots) values.add(s[column]);
        return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f, n=%d)", mean(shots, column), Collections.min(values), Collections.max(values), shots.size());
    }

    private static double mean(List<double[]> shots, int column) {
        return shots.stream().mapToDouble(s -> s[column]).average().orElse(Double.NaN);
    }

    /** Differing bits where both have values, aligned by their start (after each one's leading silence). */
    private static String differing(Fingerprint ours, int[] theirs) {
        long bits = 0;
        int n = Math.min(ours.length(), theirs.length);
        for (int i = 0; i < n; i++) bits += Integer.bitCount(ours.values()[i] ^ theirs[i]);
        return String.format(Locale.ROOT, "%.2f %% of %d values (%d and %d values)", 100.0 * bits / (32.0 * n), n, ours.length(), theirs.length);
    }

    private static String accuracyTable(SeriesAccuracy.Result r, long seed) {
        List<Double> errors = new ArrayList<>(r.errors());
        Collections.sort(errors);
        double mean = errors.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double p95 = errors.isEmpty() ? Double.NaN : errors.get((int) Math.ceil(0.95 * errors.size()) - 1);
        double max = errors.isEmpty() ? Double.NaN : errors.get(errors.size() - 1);
        return String.format(Locale.ROOT, """
                | accuracy on generated series (seed %d) | value |
                |---|---|
                | episodes identified against their neighbours | %d (%d intros and credits to find) |
                | found with both ends within 1 s of the truth | %d |
                | missed | %d |
                | found where there was none | %d |
                | boundary error, mean / p95 / max | %.2f / %.2f / %.2f s |
                | episode against another series' episode: pairs, chapters found | %d, %d |
                """, seed, r.episodes(), r.truths(), r.within1s(), r.misses(), r.falseFinds(), mean, p95, max,
                r.unrelatedPairs(), r.unrelatedFinds());
    }
}
