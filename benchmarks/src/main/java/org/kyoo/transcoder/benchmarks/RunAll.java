package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.kyoo.transcoder.benchmarks.baseline.BundledTools;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar [regex...]}: makes the media, checks the
 * baseline can run, runs every benchmark (or those matching the regexes) and prints the table of
 * figures with each one's ratio to the baseline measured in the same run; the table is also
 * written to {@code benchmarks/target/performance.md}. {@code -Dbench.seconds=180} for shorter media.
 */
public final class RunAll {
    private static final List<Class<?>> SUITE = List.of(
            FirstSegmentBenchmark.class, StartupPresetOffBenchmark.class, NewFileBenchmark.class,
            HttpColdHeadBenchmark.class, HttpCachedSegmentBenchmark.class);

    private RunAll() {}

    public static void main(String[] args) throws Exception {
        Path target = buildFolder();
        if (System.getProperty("test.media.dir") == null) {
            // the tests' media folder, so a build's generated files serve both
            System.setProperty("test.media.dir", target.resolve("../../target/test-media").normalize().toString());
        }
        Path reports = target.resolve("bench-reports");
        InProcessEngine.delete(reports);
        Files.createDirectories(reports);

        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        System.out.println("[bench] machine: " + machine());
        long t = System.nanoTime();
        var mkv = BenchMedia.mkv();
        Path mp4 = BenchMedia.mp4();
        Path noCues = BenchMedia.mkvWithoutCues();
        System.out.printf(Locale.ROOT, "[bench] media ready in %.1f s: %s, %s, %s%n", (System.nanoTime() - t) / 1e9, mkv.path(), mp4, noCues);

        BundledTools.Availability baseline = BundledTools.check();
        System.out.println("[bench] baseline: " + (baseline.ok() ? "the bundled ffmpeg runs (" + BundledTools.find().ffmpeg() + ")"
                : "CANNOT RUN: " + baseline.reason()));

        ChainedOptionsBuilder options = new OptionsBuilder()
                .jvmArgsAppend(
                        "-Dtest.media.dir=" + System.getProperty("test.media.dir"),
                        "-Dbench.seconds=" + BenchMedia.seconds(),
                        "-D" + BaselineGate.PROPERTY + "=" + (baseline.ok() ? "ok" : baseline.reason()),
                        "-Dbench.reports=" + reports)
                .shouldFailOnError(false)
                .result(target.resolve("jmh-result.json").toString())
                .resultFormat(ResultFormatType.JSON);
        if (Boolean.getBoolean("bench.quick")) {
            // a trial of the harness itself: one shot each, figures not worth keeping
            options.warmupIterations(0).measurementIterations(1).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2));
        }
        if (args.length == 0) {
            for (Class<?> c : SUITE) options.include(c.getName());
        } else {
            for (String a : args) options.include(a);
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        String table = table(results, reports, baseline);
        String report = "Measured " + started + " on " + machine() + ", with " + describe(mkv.spec().duration()) + ".\n\n" + table;
        Files.writeString(target.resolve("performance.md"), report);
        System.out.println();
        System.out.println(report);
        System.out.println("[bench] written to " + target.resolve("performance.md"));
    }

    // ---- the table ----

    /** One measured figure: a benchmark method and its parameters, in the order the benchmark names them. */
    private record Cell(Class<?> benchmark, String method, String... params) {
        String key() {
            return Failures.key(benchmark, method, params);
        }

        boolean matches(RunResult r) {
            String label = r.getParams().getBenchmark();
            if (!label.equals(benchmark.getName() + "." + method)) return false;
            for (String p : params) {
                String[] kv = p.split("=", 2);
                if (!kv[1].equals(r.getParams().getParam(kv[0]))) return false;
            }
            return true;
        }
    }

    /** A table row: what it shows, ours, the baseline (may be null), the target ratio (0: none). */
    private record Row(String what, Cell ours, Cell baseline, double target) {}

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String head : List.of("original", "720p", "480p", "audio")) {
            for (String at : List.of("start", "deep")) {
                double target = switch (head) {
                    case "original", "audio" -> 0.3;
                    case "720p" -> at.equals("deep") ? 0.4 : 0;
                    default -> 0;
                };
                rows.add(new Row("first segment, " + head + ", " + (at.equals("start") ? "segment 0" : "deep seek"),
                        new Cell(FirstSegmentBenchmark.class, "ours", "head=" + head, "at=" + at),
                        new Cell(FirstSegmentBenchmark.class, "baseline", "head=" + head, "at=" + at), target));
                if (head.equals("720p") && at.equals("deep")) {
                    rows.add(new Row("first segment, 720p, deep seek, start-up preset off",
                            new Cell(StartupPresetOffBenchmark.class, "ours"),
                            new Cell(FirstSegmentBenchmark.class, "baseline", "head=720p", "at=deep"), 0.6));
                }
            }
        }
        for (String container : List.of("mkv", "mkv-nocues", "mp4")) {
            String c = "container=" + container;
            String name = switch (container) {
                case "mkv" -> "new MKV (Cues)";
                case "mkv-nocues" -> "new MKV without Cues (packet scan)";
                default -> "new MP4 (sample tables)";
            };
            rows.add(new Row("media probe, " + name, new Cell(NewFileBenchmark.class, "probeOurs", c),
                    new Cell(NewFileBenchmark.class, "probeBaseline", c), 0));
            rows.add(new Row("keyframe index, " + name, new Cell(NewFileBenchmark.class, "keyframesOurs", c),
                    new Cell(NewFileBenchmark.class, "keyframesBaseline", c), 0));
            rows.add(new Row("probe + keyframes, " + name, new Cell(NewFileBenchmark.class, "bothOurs", c),
                    new Cell(NewFileBenchmark.class, "bothBaseline", c), container.equals("mkv-nocues") ? 0 : 0.1));
        }
        rows.add(new Row("HTTP: cold head, 720p, deep seek (GET to last byte)",
                new Cell(HttpColdHeadBenchmark.class, "ours", "head=720p", "at=deep"),
                new Cell(FirstSegmentBenchmark.class, "baseline", "head=720p", "at=deep"), 0));
        return rows;
    }

    private static String table(Collection<RunResult> results, Path reports, BundledTools.Availability baseline) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | ours | baseline (process per head) | ours / baseline | target |\n");
        out.append("|---|---|---|---|---|\n");
        for (Row row : rows()) {
            Optional<RunResult> ours = find(results, row.ours());
            Optional<RunResult> base = row.baseline() == null ? Optional.empty() : find(results, row.baseline());
            String ratio = "—";
            String verdict = row.target() > 0 ? String.format(Locale.ROOT, "≤ %.1f", row.target()) : "—";
            if (ours.isPresent() && base.isPresent()) {
                double r = mean(ours.get()) / mean(base.get());
                ratio = String.format(Locale.ROOT, "%.2f", r);
                if (row.target() > 0) verdict += r <= row.target() ? " met" : " **missed**";
            }
            out.append("| ").append(row.what())
                    .append(" | ").append(ours.map(RunAll::millis).orElseGet(() -> missing(reports, row.ours(), null)))
                    .append(" | ").append(base.map(RunAll::millis).orElseGet(() -> missing(reports, row.baseline(), baseline)))
                    .append(" | ").append(ratio)
                    .append(" | ").append(verdict).append(" |\n");
        }
        Cell cached = new Cell(HttpCachedSegmentBenchmark.class, "ours");
        Optional<RunResult> served = find(results, cached);
        String throughput = served.map(r -> {
            double perSecond = r.getPrimaryResult().getScore();
            OptionalLong bytes = SegmentSize.read(reports);
            return String.format(Locale.ROOT, "%.0f req/s", perSecond)
                    + (bytes.isPresent() ? String.format(Locale.ROOT, ", %.0f MB/s (%.1f MB segment)",
                    perSecond * bytes.getAsLong() / 1e6, bytes.getAsLong() / 1e6) : "");
        }).orElseGet(() -> missing(reports, cached, null));
        out.append("| HTTP: cached segment, 2 clients | ").append(throughput).append(" | — | — | — |\n");
        return out.toString();
    }

    private static Optional<RunResult> find(Collection<RunResult> results, Cell cell) {
        return results.stream().filter(cell::matches).findFirst();
    }

    private static double mean(RunResult r) {
        return r.getPrimaryResult().getStatistics().getMean();
    }

    /** "1234 ms (1200–1290, n=3)": the mean of the measured shots, their range. */
    private static String millis(RunResult r) {
        Statistics s = r.getPrimaryResult().getStatistics();
        return String.format(Locale.ROOT, "%.0f ms (%.0f–%.0f, n=%d)", s.getMean(), s.getMin(), s.getMax(), s.getN());
    }

    private static String missing(Path reports, Cell cell, BundledTools.Availability baseline) {
        if (cell == null) return "—";
        if (baseline != null && !baseline.ok()) return "not run: " + baseline.reason();
        Optional<String> why = Failures.read(reports, cell.key());
        if (why.isEmpty()) return "not measured";
        String text = why.get().replace('|', '/').replace('\n', ' ');
        if (text.startsWith("UnsupportedOperationException")) return "pending: the engine piece is not on main yet (" + text + ")";
        return "failed: " + text;
    }

    // ---- the machine ----

    private static Path buildFolder() throws IOException {
        try {
            Path jar = Path.of(RunAll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar) && jar.getParent().getFileName().toString().equals("target")) return jar.getParent();
        } catch (Exception ignored) {
            // not run from the jar: fall back to the working folder
        }
        Path here = Path.of("benchmarks", "target").toAbsolutePath();
        Files.createDirectories(here);
        return here;
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GB RAM, %s %s, Java %s", cpu,
                Runtime.getRuntime().availableProcessors(), memory / 1e9,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }

    private static String describe(double seconds) {
        return String.format(Locale.ROOT, "a %.0f-minute 1080p24 H.264 Matroska file (6 Mb/s, a keyframe every %d s, AAC stereo) generated in-process, and the same packets in MP4 and in Matroska without Cues",
                seconds / 60, BenchMedia.GOP_SECONDS);
    }
}
