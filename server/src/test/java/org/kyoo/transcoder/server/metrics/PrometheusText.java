package org.kyoo.transcoder.server.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape read as Prometheus reads it: every line a comment or {@code name{labels} value}; the
 * samples by their series ({@code name{labels}} as written). Throws on a line Prometheus would reject.
 */
public final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})?) (\\S+)( \\d+)?");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|# EOF");

    private PrometheusText() {}

    public static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            if (line.startsWith("#")) {
                if (!COMMENT.matcher(line).matches()) throw new IllegalArgumentException("Not Prometheus text: " + line);
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) throw new IllegalArgumentException("Not Prometheus text: " + line);
            samples.put(m.group(1), Double.parseDouble(m.group(2).replace("+Inf", "Infinity").replace("-Inf", "-Infinity")));
        }
        return samples;
    }

    /** The value of the first series whose name and labels start as {@code series} does; NaN when none. */
    public static double value(Map<String, Double> samples, String series) {
        return samples.entrySet().stream().filter(e -> e.getKey().startsWith(series)).mapToDouble(Map.Entry::getValue)
                .findFirst().orElse(Double.NaN);
    }
}
