package org.kyoo.transcoder.engine.storage;

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

    /**
     * What keyframes.json holds: presentation times in seconds, and whether they are the every-2-s
     * cuts made up for a file without usable keyframes (absent, so false, in files saved before).
     */
    public record SavedKeyframes(double[] keyframes, boolean fallback) {}

    private MetadataFiles() {}

    public static Path infoFile(Path metadataRoot, String sha) {
        return metadataRoot.resolve(sha).resolve("info.json");
    }

    public static Path keyframesFile(Path metadataRoot, String sha) {
        return keyframesFile(metadataRoot, sha, 0);
    }

    /** The keyframes of video track {@code videoTrack}; the first keeps the name it always had. */
    public static Path keyframesFile(Path metadataRoot, String sha, int videoTrack) {
        return metadataRoot.resolve(sha).resolve(videoTrack == 0 ? "keyframes.json" : "keyframes-video-" + videoTrack + ".json");
    }

    /** Saves a complete keyframe list. */
    public static void writeKeyframes(Path file, double[] keyframes) throws IOException {
        writeKeyframes(file, new SavedKeyframes(keyframes, false));
    }

    public static void writeKeyframes(Path file, SavedKeyframes saved) throws IOException {
        writeAtomically(file, JSON.writeValueAsString(saved));
    }

    /** A saved keyframe list; throws NoSuchFileException when there is none. */
    public static double[] readKeyframes(Path file) throws IOException {
        return readSavedKeyframes(file).keyframes();
    }

    /** A saved keyframe list with its fallback mark; throws NoSuchFileException when there is none. */
    public static SavedKeyframes readSavedKeyframes(Path file) throws IOException {
        SavedKeyframes saved = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), SavedKeyframes.class);
        if (saved.keyframes() == null || saved.keyframes().length == 0) throw new IOException("no keyframes in " + file);
        return saved;
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
