package org.kyoo.transcoder.benchmarks.baseline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Upstream Kyoo's way to fingerprint an episode: one {@code ffmpeg} process per stretch with
 * FFmpeg's {@code chromaprint} muxer ({@code -ac 2 -algorithm 3 -f chromaprint -fp_format raw}, as
 * its {@code fingerprints.go} runs it). The bundled FFmpeg has no Chromaprint, so this is Debian's
 * {@code ffmpeg} (built with libchromaprint), installed here for the benchmark only when missing
 * and root. A measurement tool: the server and CI never run it.
 */
public final class DebianChromaprint {
    static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    /** What one process cost and gave. */
    public record Run(double wallSeconds, double cpuSeconds, int[] values) {}

    private DebianChromaprint() {}

    /** Null when Debian's ffmpeg with its chromaprint muxer is here (installed if it must be), else why not. */
    public static String unavailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(FFMPEG)) {
            if (!"root".equals(System.getProperty("user.name"))) return "Debian's ffmpeg is missing, and installing it needs root: apt-get install ffmpeg";
            System.err.println("[baseline] Debian's ffmpeg is missing: apt-get install -y --no-install-recommends ffmpeg");
            if (apt("install", "-y", "--no-install-recommends", "ffmpeg") != 0 && (apt("update") != 0
                    || apt("install", "-y", "--no-install-recommends", "ffmpeg") != 0)) {
                return "apt-get install ffmpeg failed";
            }
        }
        Process p = new ProcessBuilder(FFMPEG.toString(), "-hide_banner", "-muxers").redirectErrorStream(true).start();
        String muxers = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return muxers.contains("chromaprint") ? null : FFMPEG + " has no chromaprint muxer";
    }

    /**
     * Upstream's command for {@code duration} seconds from {@code start} (0: from the top, a
     * negative duration: to the end), under bash's {@code time} for the process's CPU.
     */
    public static Run fingerprint(Path file, double start, double duration, Path scratch) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(FFMPEG.toString(), "-v", "error"));
        if (start > 0) args.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", start)));
        if (duration > 0) args.addAll(List.of("-t", String.format(Locale.ROOT, "%.6f", duration)));
        args.addAll(List.of("-i", file.toString(), "-ac", "2", "-algorithm", "3", "-f", "chromaprint", "-fp_format", "raw", "-"));
        Path out = scratch.resolve("fingerprint.raw");
        Path times = scratch.resolve("time.txt");
        StringBuilder command = new StringBuilder("TIMEFORMAT='%R %U %S'; { time");
        for (String a : args) command.append(" '").append(a.replace("'", "'\\''")).append('\'');
        command.append(" > '").append(out).append("' 2>/dev/null ; } 2> '").append(times).append('\'');
        Process p = new ProcessBuilder("bash", "-c", command.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) throw new IOException("ffmpeg -f chromaprint failed on " + file);
        String[] t = Files.readString(times).trim().split("\\s+");
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        int[] values = new int[raw.remaining() / 4];
        for (int i = 0; i < values.length; i++) values[i] = raw.getInt();
        return new Run(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]), values);
    }

    private static int apt(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
