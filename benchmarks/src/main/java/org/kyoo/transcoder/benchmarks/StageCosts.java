package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyoo.transcoder.benchmarks.baseline.BundledTools;

/**
 * What one segment's stages cost with this FFmpeg build, to explain a head's figure:
 * {@code java -cp benchmarks.jar org.kyoo.transcoder.benchmarks.StageCosts [segment]} runs the
 * bundled {@code ffmpeg -benchmark} on the 5 s from keyframe {@code segment} (default: the deep
 * seek) with more and more of the pipeline: demux, decode, scale to 720p, libx264 at each preset,
 * AAC, and prints wall and CPU time of each. The libraries are the ones the engine runs; only the
 * process around them differs.
 */
public final class StageCosts {
    private static final Pattern BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s rtime=([0-9.]+)s");

    private StageCosts() {}

    public static void main(String[] args) throws Exception {
        BundledTools.check().require();
        BundledTools tools = BundledTools.find();
        var fixture = BenchMedia.mkv();
        double[] kf = fixture.spec().video().keyframes();
        int segment = args.length > 0 ? Integer.parseInt(args[0]) : HeadRun.segmentAt("deep");
        double from = kf[segment];
        double length = kf[segment + 1] - from;
        Path file = fixture.path();
        String x264 = "-c:v libx264 -sc_threshold 0 -b:v 2400000 -maxrate 4000000 -bufsize 20000000";
        String scale = "-vf scale=1280:720,format=yuv420p";
        System.out.printf(Locale.ROOT, "segment %d: %.1f s from %.1f s of %s%n", segment, length, from, file.getFileName());
        stage(tools, file, from, length, "demux only (video packets copied)", "-map 0:V:0 -c:v copy");
        stage(tools, file, from, length, "decode 1080p", "-map 0:V:0");
        stage(tools, file, from, length, "decode + scale to 720p", "-map 0:V:0 " + scale);
        for (String preset : List.of("ultrafast", "superfast", "veryfast", "faster", "fast")) {
            stage(tools, file, from, length, "decode + scale + x264 " + preset, "-map 0:V:0 " + scale + " " + x264 + " -preset " + preset);
        }
        stage(tools, file, from, length, "audio: demux + decode", "-map 0:a:0 -ac 2");
        stage(tools, file, from, length, "audio: + AAC 128k stereo (twoloop coder)", "-map 0:a:0 -c:a aac -ac 2 -b:a 128k");
        stage(tools, file, from, length, "audio: + AAC 128k stereo, aac_coder fast", "-map 0:a:0 -c:a aac -aac_coder fast -ac 2 -b:a 128k");
        stage(tools, file, from, length, "process start alone (ffmpeg -version)", null);
    }

    private static void stage(BundledTools tools, Path file, double from, double length, String what, String output)
            throws IOException, InterruptedException {
        if (output == null) {
            // what every process-per-head request pays before any media work: exec and loading the libraries
            long t = System.nanoTime();
            tools.run(tools.ffmpeg(), List.of("-hide_banner", "-version"));
            System.out.printf(Locale.ROOT, "  %-40s %6.0f ms wall%n", what, (System.nanoTime() - t) / 1e6);
            return;
        }
        List<String> args = new ArrayList<>(List.of("-hide_banner", "-nostats", "-benchmark",
                "-ss", String.format(Locale.ROOT, "%.6f", from), "-i", file.toString(),
                "-t", String.format(Locale.ROOT, "%.6f", length)));
        args.addAll(List.of(output.split(" ")));
        args.addAll(List.of("-f", "null", "-"));
        List<String> command = new ArrayList<>();
        command.add(tools.ffmpeg().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", tools.ffmpeg().getParent().toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = BENCH.matcher(out);
        if (!m.find()) {
            System.out.println("  " + what + ": no figure (" + out.lines().reduce((a, b) -> b).orElse("") + ")");
            return;
        }
        double cpu = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
        System.out.printf(Locale.ROOT, "  %-40s %6.0f ms wall, %6.0f ms CPU%n", what, Double.parseDouble(m.group(3)) * 1000, cpu * 1000);
    }
}
