package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.probing.MediaProber;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.Remuxer;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * Not a test of speed (no timed assertion): measures, for a new 2-hour 1080p file, the time to get
 * its media info and keyframes, against reading the file. Disabled by default: it writes ~16 GB.
 * Run with {@code -Dprobe.benchmark=true -Dtest=LongFileBenchmarkTest}; figures go to stdout and
 * {@code engine/target/probe-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "probe.benchmark", matches = "true")
class LongFileBenchmarkTest {
    /** Runs of each step; the machine is shared, so the minimum is the figure to read. */
    private static final int RUNS = 9;
    /** Runs of the steps that read the whole file. */
    private static final int LONG_RUNS = 3;

    @TempDir
    Path tmp;

    @Test
    void twoHourFiles() throws IOException {
        Fixture mkv = TestMedia.long1080p(7200, 5);
        Path mp4 = mkv.path().resolveSibling("long-7200s-gop5.mp4");
        Path ts = mkv.path().resolveSibling("long-7200s-gop5.ts");
        if (!Files.exists(mp4)) Remuxer.remux(mkv.path(), mp4, "mp4");
        if (!Files.exists(ts)) Remuxer.remux(mkv.path(), ts, "mpegts");

        StringBuilder report = new StringBuilder();
        // -Dprobe.benchmark.only=mp4 measures one file
        String only = System.getProperty("probe.benchmark.only", "");
        for (Path file : List.of(mkv.path(), mp4, ts)) {
            if (!only.isEmpty() && !file.toString().endsWith("." + only)) continue;
            double[] expected = mkv.spec().video().keyframes();
            report.append(measure(file, expected));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "probe-benchmark.txt"), report.toString());
    }

    private String measure(Path file, double[] expected) throws IOException {
        StringBuilder s = new StringBuilder();
        long size = Files.size(file);
        int scanRuns = file.toString().endsWith(".ts") ? LONG_RUNS : RUNS;
        s.append(String.format(Locale.ROOT, "%n%s (%.2f GB)%n", file.getFileName(), size / 1e9));
        s.append(line("read every byte", LONG_RUNS, () -> readAll(file)));
        MediaProber prober = new MediaProber();
        s.append(line("media info (probe, one open)", () -> prober.probe(file, "sha")));
        s.append(line("media info + container keyframes (one open)", () -> prober.probeWithKeyframes(file, "sha")));
        s.append(line("for comparison: open + avformat_find_stream_info", () -> {
            try (MediaInput input = MediaInput.open(file)) {
                input.findStreamInfo();
                return input.streamCount();
            }
        }));
        MediaInfo info = prober.probe(file, "sha");
        assertEquals(7200, info.duration(), 0.1);
        s.append(line("keyframes alone (own open; index, else scan)", scanRuns, () -> KeyframeReader.read(file, info.duration(), new KeyframeIndex(), () -> false)));
        double[] scanned = KeyframeReadingTest.scan(file);
        s.append(line("keyframes (packet scan)", LONG_RUNS, () -> KeyframeReadingTest.scan(file)));
        try (MediaInput input = MediaInput.open(file)) {
            if (ContainerKeyframes.supports(input)) {
                double[] indexed = ContainerKeyframes.read(input, input.firstVideoStream(), info.duration());
                assertNotNull(indexed, "index of " + file);
                assertArrayEquals(scanned, indexed);
            }
        }
        assertEquals(expected.length, scanned.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], scanned[i], 0.0011);
        s.append(line("new file: info + all keyframes, through the stores", scanRuns, () -> {
            Path metadata = tmp.resolve("m" + System.nanoTime());
            LocalStore fresh = new LocalStore(metadata);
            MediaInfo got = new MediaInfoStore(fresh).get(file, "sha");
            try (KeyframeStore keyframes = new KeyframeStore(fresh)) {
                return keyframes.get(file, "sha", got).completion().join().length();
            }
        }));
        s.append(line("new file: info + first keyframe batch (what a player waits for)", scanRuns, () -> {
            Path metadata = tmp.resolve("m" + System.nanoTime());
            LocalStore fresh = new LocalStore(metadata);
            MediaInfo got = new MediaInfoStore(fresh).get(file, "sha");
            KeyframeStore keyframes = new KeyframeStore(fresh);
            KeyframeIndex index = keyframes.get(file, "sha", got);
            int first = index.firstBatch().join().length();
            keyframes.close();
            index.completion().handle((done, error) -> null).join();
            return first;
        }));
        s.append(String.format(Locale.ROOT, "  %d keyframes%n", scanned.length));
        return s.toString();
    }

    private static String line(String what, Supplier<?> work) {
        return line(what, RUNS, work);
    }

    private static String line(String what, int runs, Supplier<?> work) {
        work.get();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            times.add((System.nanoTime() - start) / 1e6);
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "  %-52s min %8.1f ms  median %8.1f ms%n", what, sorted[0], sorted[sorted.length / 2]);
    }

    private static long readAll(Path file) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8 << 20);
        long total = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = channel.read(buffer)) >= 0) {
                total += n;
                buffer.clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return total;
    }
}
