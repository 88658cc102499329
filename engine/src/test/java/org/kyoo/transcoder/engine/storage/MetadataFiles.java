package org.kyoo.transcoder.engine.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The metadata folder's files as tests read them, straight from disk and apart from the engine's
 * own readers: existing folders must keep working, so a change of names or of keyframes.json's shape
 * fails the tests that look here.
 */
public final class MetadataFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What keyframes.json holds: presentation times in seconds, and whether they are made-up cuts. */
    public record SavedKeyframes(double[] keyframes, boolean fallback) {}

    private MetadataFiles() {}

    public static Path keyframesFile(Path metadataRoot, String sha) {
        return keyframesFile(metadataRoot, sha, 0);
    }

    /** The keyframes of video track {@code videoTrack}; the first keeps the name it always had. */
    public static Path keyframesFile(Path metadataRoot, String sha, int videoTrack) {
        return metadataRoot.resolve(sha).resolve(videoTrack == 0 ? "keyframes.json" : "keyframes-video-" + videoTrack + ".json");
    }

    /** A saved keyframe list; throws NoSuchFileException when there is none. */
    public static double[] readKeyframes(Path file) throws IOException {
        return JSON.readValue(Files.readAllBytes(file), SavedKeyframes.class).keyframes();
    }
}
