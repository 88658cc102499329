package org.kyoo.transcoder.benchmarks.baseline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The original's keyframe scan ({@code keyframes.go}): the bundled {@code ffprobe} lists every
 * packet of the first video stream with its time and flags, and the keyframes are kept.
 */
public final class KeyframesBaseline {
    private KeyframesBaseline() {}

    /** The original's arguments: packet times and flags of v:0 as bare CSV. */
    static List<String> arguments(Path file) {
        return List.of("-loglevel", "error", "-select_streams", "v:0",
                "-show_entries", "packet=pts_time,flags", "-of", "csv=print_section=0", file.toString());
    }

    /** Every keyframe time, read line by line while ffprobe runs, as the original does. */
    public static double[] scan(BundledTools tools, Path file) throws IOException {
        Process process = tools.start(tools.ffprobe(), arguments(file));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            double[] times = new double[1024];
            int count = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) continue;
                int comma = line.indexOf(',');
                String pts = line.substring(0, comma);
                // no timestamps: a file without a video track
                if (pts.equals("N/A")) break;
                if (line.charAt(comma + 1) != 'K') continue;
                if (count == times.length) times = java.util.Arrays.copyOf(times, count * 2);
                times[count++] = Double.parseDouble(pts);
            }
            return java.util.Arrays.copyOf(times, count);
        } finally {
            BundledTools.stop(process);
        }
    }
}
