package org.kyoo.transcoder.benchmarks.baseline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.kyoo.transcoder.benchmarks.Head;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * The original's process-per-head approach ({@code stream.go}, {@code videostream.go},
 * {@code audiostream.go}, {@code hwaccel.go} with acceleration disabled): one {@code ffmpeg -f segment}
 * per head, a segment being ready when its name appears in the segment list on stdout.
 */
public final class SegmentBaseline {
    /** The original's default {@code GOCODER_PRESET}. */
    private static final String PRESET = "fast";

    private SegmentBaseline() {}

    /**
     * The arguments of the head the original starts for a request of segment {@code start} when no
     * head exists, the keyframe scan being done.
     *
     * @param encoderId the head's number in its stream (0 for the first head)
     */
    public static List<String> arguments(Path file, Head head, double[] kf, ProbeBaseline.Probe probe,
                                         int start, Path outDir, int encoderId) {
        int length = kf.length;
        // up to the 100th segment; no other head exists to stop at
        int end = Math.min(start + 100, length);
        double startRef = 0;
        int startSegment = start;
        if (start != 0) {
            // one segment early: audio needs the context, video cuts precisely with -f segment
            startSegment = start - 1;
            if (head.isAudio()) {
                startRef = kf[startSegment];
            } else {
                // -ss lands on the keyframe before the time given: aim between two keyframes
                startRef = startSegment + 1 == length
                        ? (kf[startSegment] + probe.duration()) / 2
                        : (kf[startSegment] + kf[startSegment + 1]) / 2;
            }
        }
        int endPadding = end == length ? 0 : 1;
        double[] segments = Arrays.copyOfRange(kf, startSegment + 1, end + endPadding);
        // ffmpeg errors out on an empty list
        if (segments.length == 0) segments = new double[] {9999999};

        List<String> args = new ArrayList<>(List.of("-nostats", "-hide_banner", "-loglevel", "warning"));
        if (startRef != 0) {
            // keeps the pre/post segment trick working for video; audio would get gaps
            if (!head.isAudio()) args.add("-noaccurate_seek");
            args.addAll(List.of("-ss", fixed(startRef)));
        }
        if (end + 1 < length) {
            // -to is not exact either: go one keyframe further and let -f segment cut
            double endRef = kf[end + 1] + startRef - kf[startSegment];
            args.addAll(List.of("-to", fixed(endRef)));
        }
        args.addAll(List.of("-i", file.toString(),
                // consistent soft/hard decode; after -ss 50 the output starts at 50 s
                "-start_at_zero",
                // HLS needs the source's timestamps
                "-copyts",
                // no muxer delay: segments start at the source time
                "-muxdelay", "0"));
        args.addAll(transcodeArguments(head, probe, toSegmentString(segments)));
        double reference = kf[startSegment];
        double[] durations = Arrays.stream(segments).map(s -> s - reference).toArray();
        args.addAll(List.of("-f", "segment",
                // rounding slack when forcing keyframes, ~1/(2*fps)
                "-segment_time_delta", "0.05",
                "-segment_format", "mpegts",
                // durations from the keyframe sought to, not the -ss value
                "-segment_times", toSegmentString(durations),
                "-segment_list_type", "flat",
                // each finished segment's name on stdout
                "-segment_list", "pipe:1",
                "-segment_start_number", Integer.toString(startSegment),
                outDir.resolve(outName(head, encoderId)).toString()));
        return args;
    }

    /** The stream's own arguments ({@code getTranscodeArgs}). */
    private static List<String> transcodeArguments(Head head, ProbeBaseline.Probe probe, String segments) {
        if (head.isAudio()) {
            return List.of("-map", "0:a:0", "-c:a", "aac", "-ac", "2", "-b:a", "128k");
        }
        List<String> args = new ArrayList<>(List.of("-map", "0:V:0"));
        if (head == Head.ORIGINAL) {
            args.addAll(List.of("-c:v", "copy"));
            return args;
        }
        Quality q = head.quality();
        int width = (int) ((double) q.height() / probe.height() * probe.width());
        width = closestMultiple(width, 2);
        args.addAll(List.of(
                "-c:v", "libx264",
                "-preset", PRESET,
                // scene-cut keyframes would break the forced cuts
                "-sc_threshold", "0",
                // 8-bit output, playable everywhere
                "-pix_fmt", "yuv420p",
                "-vf", "scale=" + width + ":" + q.height(),
                "-bufsize", Long.toString(q.maxBitrate() * 5),
                "-b:v", Long.toString(q.averageBitrate()),
                "-maxrate", Long.toString(q.maxBitrate()),
                // forced keyframes must be IDR for -f segment to cut on them
                "-forced-idr", "1",
                "-force_key_frames", segments,
                "-strict", "-2"));
        return args;
    }

    /** {@code closestMultiple} of videostream.go. */
    private static int closestMultiple(int n, int x) {
        if (x > n) return x;
        n = n + x / 2;
        return n - n % x;
    }

    private static String outName(Head head, int encoderId) {
        return head.isAudio()
                ? "segment-a0-" + encoderId + "-%d.ts"
                : "segment-" + head.label() + "-" + encoderId + "-%d.ts";
    }

    private static String toSegmentString(double[] times) {
        return Arrays.stream(times).mapToObj(SegmentBaseline::fixed).collect(Collectors.joining(","));
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * Starts the head for segment {@code start}; {@link Running#awaitListed()} then returns once
     * ffmpeg lists that segment as complete. The process runs on (as the original's would) until
     * {@link Running#close()}, outside the measured time.
     */
    public static Running start(BundledTools tools, Path file, Head head, double[] kf,
                                ProbeBaseline.Probe probe, int start, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Process process = tools.start(tools.ffmpeg(), arguments(file, head, kf, probe, start, outDir, 0));
        return new Running(process, outName(head, 0).replace("%d.ts", ""), start, outDir);
    }

    /** A head's ffmpeg process and the segment asked of it. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final String prefix;
        private final int start;
        private final Path outDir;

        private Running(Process process, String prefix, int start, Path outDir) {
            this.process = process;
            this.prefix = prefix;
            this.start = start;
            this.outDir = outDir;
        }

        /** Reads the segment list until the segment asked for appears; returns its file. */
        public Path awaitListed() throws IOException {
            BufferedReader list = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = list.readLine()) != null; ) {
                if (!line.startsWith(prefix) || !line.endsWith(".ts")) continue;
                int segment = Integer.parseInt(line.substring(prefix.length(), line.length() - 3));
                // the segment before the one asked for is made only to cut precisely
                if (segment < start) continue;
                return outDir.resolve(line);
            }
            throw new IOException("ffmpeg ended without listing segment " + start + " (exit " + waitExit(process) + ")");
        }

        /** Stops the process (SIGTERM, as the original's SIGINT) and waits for it to end. */
        @Override
        public void close() {
            BundledTools.stop(process);
        }
    }

    private static int waitExit(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
