package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.hardware.SoftwareProfile;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.streams.FileStream;
import org.kyoo.transcoder.engine.streams.Transcoder;

/**
 * The engine as the server builds it, on folders of its own: software encoding at the original's
 * default preset, with or without the start-up preset.
 */
final class InProcessEngine implements AutoCloseable {
    private final EngineSettings settings;
    private final MediaInfoStore infos;
    private final KeyframeStore keyframes;
    private Transcoder transcoder;

    /**
     * @param metadata info.json and keyframes.json; reuse one to find them known, a new one for a new file
     * @param cache    transcoded segments
     */
    InProcessEngine(Path metadata, Path cache, boolean startupPreset) {
        // -Dbench.startupPreset compares start-up presets on the same runs (the server's GOCODER_STARTUP_PRESET)
        this.settings = new EngineSettings(cache, metadata, "fast",
                startupPreset ? System.getProperty("bench.startupPreset", org.kyoo.transcoder.server.config.Config.DEFAULT_STARTUP_PRESET) : null,
                new SoftwareProfile());
        LocalStore store = new LocalStore(metadata);
        this.infos = new MediaInfoStore(store);
        this.keyframes = new KeyframeStore(store);
    }

    /** The file's media info, probed in-process (or read back from the metadata folder). */
    MediaInfo info(Path file) {
        return infos.get(file, FileIdentity.sha(file));
    }

    /** The file's complete keyframe index. */
    KeyframeIndex keyframes(Path file, MediaInfo info) throws Exception {
        return keyframes.get(file, FileIdentity.sha(file), info).completion().get();
    }

    /** The file's streams: info and keyframes known, no head running yet. */
    FileStream stream(Path file) {
        if (transcoder == null) transcoder = new Transcoder(settings, infos, keyframes);
        return transcoder.fileStream(file, FileIdentity.sha(file));
    }

    /** Stops every head and scan, so the next measurement has the cores to itself. */
    @Override
    public void close() {
        if (transcoder != null) transcoder.close();
        transcoder = null;
        keyframes.close();
    }

    static Path freshDir(String name) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder made by {@link #freshDir}, best effort. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
