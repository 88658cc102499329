package org.kyoo.transcoder.engine.media;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The files kept under {@code {metadata}/{sha}/}: where they are, and writing them safely. */
public final class MetadataFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What keyframes.json holds: presentation times in seconds. */
    public record SavedKeyframes(double[] keyframes) {}

    private MetadataFiles() {}

    public static Path infoFile(Path metadataRoot, String sha) {
        return metadataRoot.resolve(sha).resolve("info.json");
    }

    public static Path keyframesFile(Path metadataRoot, String sha) {
        return metadataRoot.resolve(sha).resolve("keyframes.json");
    }

    /** Saves a complete keyframe list. */
    public static void writeKeyframes(Path file, double[] keyframes) throws IOException {
        writeAtomically(file, JSON.writeValueAsString(new SavedKeyframes(keyframes)));
    }

    /** A saved keyframe list; throws NoSuchFileException when there is none. */
    public static double[] readKeyframes(Path file) throws IOException {
        double[] times = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), SavedKeyframes.class).keyframes();
        if (times == null || times.length == 0) throw new IOException("no keyframes in " + file);
        return times;
    }

    /** Writes through a temporary file in the same folder, so a reader never sees half a file. */
    public static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
