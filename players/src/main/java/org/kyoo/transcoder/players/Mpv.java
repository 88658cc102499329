package org.kyoo.transcoder.players;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Debian's mpv, the way native players read HLS: libavformat's HLS demuxer, with no picture or
 * sound output ({@code --vo=null --ao=null}) and no clock ({@code --untimed --ao-null-untimed}), so a file plays as
 * fast as the server answers and the decoders go. A missing mpv fails loudly, as Chromium does.
 */
public final class Mpv {
    public static final Path BINARY = Path.of("/usr/bin/mpv");
    /** A line of mpv's log at level info, warning, error or fatal: {@code [   1.677][w][ffmpeg/video] h264: ...}. */
    private static final Pattern KEPT = Pattern.compile("^\\[\\s*[\\d.]+\\]\\[[iwef]\\]\\[.*");

    /**
     * One play: mpv's exit code and what it printed (warnings and errors, and its own lines: the
     * tracks it chose, {@code VO: [null] 1920x1080}, {@code Exiting... (End of file)}).
     */
    public record Play(int exitCode, List<String> lines, long millis) {
        /** The file played to its end and mpv said nothing was wrong. */
        public boolean clean() {
            return exitCode == 0 && endedAtEndOfFile() && trouble().isEmpty();
        }

        public boolean endedAtEndOfFile() {
            return lines.stream().anyMatch(l -> l.contains("Exiting... (End of file)"));
        }

        /** The warnings and errors: what libav or mpv found wrong while reading or decoding. */
        public List<String> trouble() {
            return lines.stream().filter(l -> !l.contains("][i][")).toList();
        }

        /** The size of the picture mpv's video output was configured with, {@code 1920x1080}; null when none. */
        public String pictureSize() {
            for (String line : lines) {
                var m = Pattern.compile("VO: \\[null\\] (\\d+x\\d+)").matcher(line);
                if (m.find()) return m.group(1);
            }
            return null;
        }
    }

    private Mpv() {}

    /**
     * Plays {@code url} from {@code start} (mpv's {@code --start}: seconds, or a percentage as
     * {@code 50%}) to its end, killing mpv after {@code timeout}.
     */
    public static Play play(String url, String start, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("The real-player tests need Debian's mpv (" + BINARY + "): apt-get install mpv (.ci/run does it)");
        }
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--no-config", "--vo=null", "--ao=null", "--ao-null-untimed", "--untimed",
                "--no-terminal", "--msg-level=all=warn,cplayer=info", "--log-file=", "--term-osd-bar=no"));
        if (start != null) command.add("--start=" + start);
        command.add("--");
        command.add(url);
        // --no-terminal silences the terminal: the messages go to the log file
        Path log = Files.createTempFile("mpv", ".log");
        command.set(command.indexOf("--log-file="), "--log-file=" + log);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                // the log file holds every level, debugging included: keep info and worse
                if (KEPT.matcher(line).matches()) lines.add(line);
            }
            if (!ended) lines.add("mpv did not end within " + timeout.toSeconds() + " s: killed");
            return new Play(ended ? process.exitValue() : -1, lines, millis);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
