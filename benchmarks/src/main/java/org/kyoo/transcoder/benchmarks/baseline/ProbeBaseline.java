package org.kyoo.transcoder.benchmarks.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The original's media probe ({@code info.go}): go-ffprobe v2's {@code ProbeURL} runs the bundled
 * {@code ffprobe} for JSON of the format, streams and chapters, which the original then maps.
 */
public final class ProbeBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProbeBaseline() {}

    /** What the segment baseline needs from a probe: the original reads these from its MediaInfo. */
    public record Probe(double duration, int width, int height, int audioTracks) {}

    /** go-ffprobe v2's arguments: fatal-only log, JSON of format, streams and chapters. */
    static List<String> arguments(Path file) {
        return List.of("-loglevel", "fatal", "-print_format", "json",
                "-show_format", "-show_streams", "-show_chapters", file.toString());
    }

    /** Runs the probe and parses its JSON, as the original does before mapping it. */
    public static JsonNode run(BundledTools tools, Path file) throws IOException, InterruptedException {
        return JSON.readTree(tools.run(tools.ffprobe(), arguments(file)));
    }

    /** The figures the original's head arguments are built from. */
    public static Probe probe(BundledTools tools, Path file) throws IOException, InterruptedException {
        JsonNode root = run(tools, file);
        int width = 0, height = 0, audios = 0;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            if (type.equals("video") && width == 0) {
                width = stream.path("width").asInt();
                height = stream.path("height").asInt();
            } else if (type.equals("audio")) {
                audios++;
            }
        }
        // the original keeps the duration as a float32
        double duration = (float) root.path("format").path("duration").asDouble();
        return new Probe(duration, width, height, audios);
    }
}
