package org.kyoo.transcoder.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a cold head's time goes: {@code java -cp benchmarks.jar org.kyoo.transcoder.benchmarks.ProfileHead
 * [720p|480p|original|audio] [start|deep] [on|off] [runs]} makes the head's first segment a few times
 * under Java Flight Recorder, then counts the samples of every thread by the libav call it was in
 * (a JNI method such as {@code avcodec_send_frame}: the native time, attributed to its call) or
 * else by its Java method, and by thread. libav's own worker threads (x264's lookahead and frame
 * threads, the decoder's frame threads) are invisible to JFR, so with {@code -Dprofile.perf=true}
 * Linux {@code perf} also samples every thread of this JVM and lists the CPU time by library.
 */
public final class ProfileHead {
    private ProfileHead() {}

    public static void main(String[] args) throws Exception {
        Head head = Head.fromLabel(args.length > 0 ? args[0] : "720p");
        String at = args.length > 1 ? args[1] : "deep";
        boolean startupPreset = args.length <= 2 || !args[2].equals("off");
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        HeadRun.Ours run = new HeadRun.Ours(head, at, startupPreset);
        run.prepare();
        // one unrecorded run: class loading and libav's first load are not a head's cost
        run.fresh();
        run.firstSegment();
        run.release();

        Path jfr = Files.createTempFile("head-", ".jfr");
        Path perfData = Files.createTempFile("head-", ".perf");
        Process perf = Boolean.getBoolean("profile.perf") ? startPerf(perfData) : null;
        long total = 0;
        long cpu = 0;
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            for (int i = 0; i < runs; i++) {
                run.fresh();
                long c = os.getProcessCpuTime();
                long t = System.nanoTime();
                run.firstSegment();
                total += System.nanoTime() - t;
                cpu += os.getProcessCpuTime() - c;
                run.release();
            }
            recording.stop();
            if (perf != null) stopPerf(perf);
            recording.dump(jfr);
        } finally {
            run.finish();
        }
        System.out.printf(Locale.ROOT, "%s %s, start-up preset %s: %.0f ms per first segment, %.0f ms of CPU (%d runs, %d cores)%n",
                head.label(), at, startupPreset ? "on" : "off", total / 1e6 / runs, cpu / 1e6 / runs, runs,
                Runtime.getRuntime().availableProcessors());
        List<RecordedEvent> samples = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getStackTrace() != null)
                // the thread waiting for perf to exit is not the head's
                .filter(e -> e.getThread("sampledThread") == null || !e.getThread("sampledThread").getJavaName().startsWith("process reaper"))
                .toList();
        Files.deleteIfExists(jfr);
        print("by call (native libav calls by name)", samples, ProfileHead::call);
        print("by thread", samples, e -> e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName());
        if (perf != null) {
            // the bundled libraries are stripped: functions do not resolve, libraries do (libx264 is inside libavcodec)
            System.out.println("perf, every thread, by library:");
            report(perfData, "dso", 12);
        }
        Files.deleteIfExists(perfData);
    }

    private static Process startPerf(Path data) throws Exception {
        Process perf = new ProcessBuilder("perf", "record", "-F", "499", "-o", data.toString(),
                "-p", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // perf needs a moment to attach to every thread
        Thread.sleep(1000);
        return perf;
    }

    private static void stopPerf(Process perf) throws Exception {
        // SIGINT: perf writes its data and exits
        new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
        perf.waitFor();
    }

    private static void report(Path data, String sort, int lines) throws Exception {
        Process p = new ProcessBuilder("perf", "report", "-i", data.toString(), "--sort", sort, "--stdio", "--no-children")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        out.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).limit(lines).forEach(l -> System.out.println("  " + l.strip()));
    }

    /** The top frame: for a sample in native code, the JNI method that entered libav. */
    private static String call(RecordedEvent e) {
        RecordedStackTrace stack = e.getStackTrace();
        if (stack.getFrames().isEmpty()) return "?";
        RecordedFrame top = stack.getFrames().get(0);
        String where = top.getMethod().getType().getName() + "." + top.getMethod().getName();
        return where.replace("org.bytedeco.ffmpeg.global.", "") + (e.getEventType().getName().equals("jdk.NativeMethodSample") ? " [native]" : "");
    }

    private static void print(String title, List<RecordedEvent> samples, Function<RecordedEvent, String> by) {
        Map<String, Integer> counts = new HashMap<>();
        for (RecordedEvent e : samples) counts.merge(by.apply(e), 1, Integer::sum);
        System.out.println(title + " (" + samples.size() + " samples):");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(15)
                .forEach(c -> System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * c.getValue() / samples.size(), c.getKey()));
    }
}
