package org.kyoo.transcoder.engine.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebVTT track cut on the video's segment boundaries, for an HLS subtitles rendition: segment n
 * holds every cue that shows during {@code [from, to)}, so a cue crossing a boundary is in both
 * segments (players drop the repeat: same times, same text).
 *
 * <p>Cue times stay on the source timeline, as the MPEG-TS segments' timestamps do, and each
 * segment says so with {@code X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000}: local time t is TS
 * time t × 90 000. hls.js then subtracts the stream's first PTS from both alike (its
 * {@code (MPEGTS - initPTS) / 90000} offset), and Safari maps the two clocks directly.
 */
public final class WebVttSegments {
    private static final Pattern TIMING = Pattern.compile("^\\s*([\\d:.]+)\\s+-->\\s+([\\d:.]+)(.*)$");

    /** One cue: its times (s), the settings after its timing, its text lines. */
    public record Cue(double start, double end, String settings, String text) {}

    private final List<Cue> cues;

    private WebVttSegments(List<Cue> cues) {
        this.cues = cues;
    }

    /** Reads the cues of a WebVTT file (as libavformat's webvtt muxer writes them). */
    public static WebVttSegments read(Path vtt) {
        try {
            return parse(Files.readString(vtt, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + vtt, e);
        }
    }

    static WebVttSegments parse(String text) {
        List<Cue> cues = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").split("\n\n+")) {
            String[] lines = block.strip().split("\n", -1);
            // a cue may have an identifier line before its timing line
            for (int i = 0; i < lines.length && i < 2; i++) {
                Matcher m = TIMING.matcher(lines[i]);
                if (!m.matches()) continue;
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length));
                cues.add(new Cue(seconds(m.group(1)), seconds(m.group(2)), m.group(3), body));
                break;
            }
        }
        return new WebVttSegments(List.copyOf(cues));
    }

    public List<Cue> cues() {
        return cues;
    }

    /** The segment covering {@code [from, to)} seconds of the source timeline. */
    public String segment(double from, double to) {
        StringBuilder vtt = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n");
        for (Cue cue : cues) {
            if (cue.end() <= from || cue.start() >= to) continue;
            vtt.append(time(cue.start())).append(" --> ").append(time(cue.end())).append(cue.settings()).append('\n')
                    .append(cue.text()).append("\n\n");
        }
        return vtt.toString();
    }

    private static double seconds(String time) {
        String[] parts = time.split(":");
        double seconds = Double.parseDouble(parts[parts.length - 1]);
        for (int i = parts.length - 2, scale = 60; i >= 0; i--, scale *= 60) seconds += Long.parseLong(parts[i]) * scale;
        return seconds;
    }

    private static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
