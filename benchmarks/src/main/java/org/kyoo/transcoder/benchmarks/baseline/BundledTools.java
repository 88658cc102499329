package org.kyoo.transcoder.benchmarks.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} and {@code ffprobe} executables shipped in the same bytedeco native jar as the
 * libraries the engine loads, so the baseline runs the very same FFmpeg build. A measurement tool
 * only: the engine and the server never run a binary.
 */
public final class BundledTools {
    private static volatile BundledTools found;

    private final Path ffmpeg;
    private final Path ffprobe;

    private BundledTools(Path ffmpeg, Path ffprobe) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
    }

    /** Locates the executables (JavaCPP extracts them next to the libraries on first use). */
    public static BundledTools find() {
        if (found == null) {
            synchronized (BundledTools.class) {
                if (found == null) {
                    found = new BundledTools(
                            Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class)),
                            Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class)));
                }
            }
        }
        return found;
    }

    public Path ffmpeg() { return ffmpeg; }

    public Path ffprobe() { return ffprobe; }

    /** Starts {@code tool args...}, stderr discarded, stdout to be read by the caller. */
    public Process start(Path tool, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        // libavutil needs libva.so.2 from the same folder, and RUNPATH ($ORIGIN) only covers the
        // executable's direct dependencies, not the libraries' own.
        String dir = tool.getParent().toString();
        String inherited = System.getenv("LD_LIBRARY_PATH");
        builder.environment().put("LD_LIBRARY_PATH", inherited == null || inherited.isEmpty() ? dir : dir + ":" + inherited);
        return builder.start();
    }

    /** Runs {@code tool args...} to its end and returns its stdout; fails on a non-zero exit. */
    public String run(Path tool, List<String> args) throws IOException, InterruptedException {
        Process process = start(tool, args);
        try {
            byte[] out = process.getInputStream().readAllBytes();
            int code = process.waitFor();
            if (code != 0) throw new IOException(tool.getFileName() + " exited with " + code + " for " + args);
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            stop(process);
        }
    }

    /** Ends a process started here and waits for it, so it takes no CPU from the next measurement. */
    public static void stop(Process process) {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Whether the baseline can run here. The bundled executables link PulseAudio's client library
     * through libavdevice; when {@code libpulse.so.0} is missing and we are root, Debian's
     * {@code libpulse0} is installed, else the answer says plainly why the baseline cannot run.
     */
    public static Availability check() {
        BundledTools tools;
        try {
            tools = find();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return Availability.no("the bundled ffmpeg could not be extracted from the bytedeco jar: " + e.getMessage());
        }
        String problem = tools.versionProblem();
        if (problem == null) return Availability.YES;
        if (!problem.contains("libpulse")) return Availability.no("the bundled ffmpeg does not start: " + problem);
        String installed = installLibpulse();
        if (installed != null) return Availability.no("the bundled ffmpeg needs libpulse.so.0 (Debian package libpulse0), " + installed);
        problem = tools.versionProblem();
        return problem == null ? Availability.YES
                : Availability.no("the bundled ffmpeg still does not start after installing libpulse0: " + problem);
    }

    /** Null when {@code ffmpeg -version} and {@code ffprobe -version} run, else what the loader said. */
    private String versionProblem() {
        for (Path tool : List.of(ffmpeg, ffprobe)) {
            try {
                ProcessBuilder builder = new ProcessBuilder(tool.toString(), "-hide_banner", "-version").redirectErrorStream(true);
                builder.environment().put("LD_LIBRARY_PATH", tool.getParent().toString());
                Process p = builder.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) return tool.getFileName() + ": " + out.strip();
            } catch (IOException e) {
                return tool.getFileName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return null;
    }

    /** Null once installed, else why it could not be. */
    private static String installLibpulse() {
        if (!"root".equals(System.getProperty("user.name"))) return "which is missing, and installing it needs root: apt-get install -y libpulse0";
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) return "which is missing, and this is not a Debian-like system (no apt-get)";
        try {
            System.err.println("[baseline] libpulse.so.0 is missing: apt-get install -y libpulse0");
            if (apt("install", "-y", "libpulse0") == 0) return null;
            // a fresh image may have no package lists yet
            if (apt("update") != 0) return "which is missing, and apt-get update failed";
            int code = apt("install", "-y", "libpulse0");
            return code == 0 ? null : "which is missing, and apt-get install -y libpulse0 failed (exit " + code + ")";
        } catch (IOException e) {
            return "which is missing, and apt-get could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "which is missing (interrupted while installing libpulse0)";
        }
    }

    /** Runs apt-get with {@code args} (5 minutes at most) and returns its exit code. */
    private static int apt(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** @param reason why the baseline cannot run, null when it can */
    public record Availability(boolean ok, String reason) {
        static final Availability YES = new Availability(true, null);

        static Availability no(String reason) {
            return new Availability(false, reason);
        }

        /** Throws with the reason when the baseline cannot run. */
        public void require() {
            if (!ok) throw new IllegalStateException("baseline unavailable: " + reason);
        }
    }
}
