package org.kyoo.transcoder.engine.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.Cue;

/** Reads cues back from extracted SRT and ASS files, independently of libav. */
final class SubtitleCues {
    private static final Pattern SRT_TIMES = Pattern.compile(
            "(\\d+):(\\d\\d):(\\d\\d),(\\d\\d\\d) --> (\\d+):(\\d\\d):(\\d\\d),(\\d\\d\\d)");
    private static final Pattern VTT_TIMES = Pattern.compile("([\\d:.]+) --> ([\\d:.]+)");
    private static final Pattern ASS_TIME = Pattern.compile("(\\d+):(\\d\\d):(\\d\\d)\\.(\\d\\d)");

    private SubtitleCues() {}

    static List<Cue> fromSrt(String text) {
        List<Cue> cues = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").strip().split("\n\n+")) {
            String[] lines = block.split("\n", 3);
            Matcher m = SRT_TIMES.matcher(lines[1]);
            if (!m.matches()) throw new AssertionError("Not an SRT time line: " + lines[1]);
            double start = seconds(m.group(1), m.group(2), m.group(3)) + Integer.parseInt(m.group(4)) / 1000.0;
            double end = seconds(m.group(5), m.group(6), m.group(7)) + Integer.parseInt(m.group(8)) / 1000.0;
            cues.add(new Cue(start, end, lines.length > 2 ? lines[2] : ""));
        }
        return cues;
    }

    /** Cues of a WebVTT file: the header block first, then "start --> end" and the text. */
    static List<Cue> fromWebVtt(String text) {
        List<Cue> cues = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").strip().split("\n\n+")) {
            String[] lines = block.split("\n", 2);
            Matcher m = VTT_TIMES.matcher(lines[0]);
            if (!m.lookingAt()) continue;
            cues.add(new Cue(vttTime(m.group(1)), vttTime(m.group(2)), lines.length > 1 ? lines[1] : ""));
        }
        return cues;
    }

    private static double vttTime(String time) {
        String[] parts = time.split(":");
        double seconds = Double.parseDouble(parts[parts.length - 1]);
        for (int i = parts.length - 2, scale = 60; i >= 0; i--, scale *= 60) seconds += Integer.parseInt(parts[i]) * scale;
        return seconds;
    }

    /** The Dialogue lines: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text. */
    static List<Cue> fromAss(String text) {
        List<Cue> cues = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n")) {
            if (!line.startsWith("Dialogue:")) continue;
            String[] fields = line.substring("Dialogue:".length()).strip().split(",", 10);
            cues.add(new Cue(assTime(fields[1]), assTime(fields[2]), fields[9]));
        }
        return cues;
    }

    static String assHeader(String text) {
        int events = text.indexOf("[Events]");
        return events < 0 ? text : text.substring(0, events);
    }

    private static double assTime(String field) {
        Matcher m = ASS_TIME.matcher(field.strip());
        if (!m.matches()) throw new AssertionError("Not an ASS time: " + field);
        return seconds(m.group(1), m.group(2), m.group(3)) + Integer.parseInt(m.group(4)) / 100.0;
    }

    private static double seconds(String h, String m, String s) {
        return Integer.parseInt(h) * 3600 + Integer.parseInt(m) * 60 + Integer.parseInt(s);
    }
}
