package org.kyoo.transcoder.engine.probing;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfoJson;
import org.kyoo.transcoder.engine.storage.MetadataFiles;

/**
 * Media info of every file asked for: in memory, then {@code {metadata}/{sha}/info.json}, else one
 * in-process probe shared by concurrent callers. A failed probe is not cached.
 */
public final class MediaInfoStore {
    private static final System.Logger LOG = System.getLogger(MediaInfoStore.class.getName());

    private final EngineSettings settings;
    private final MediaProber prober;
    /** sha → the one probe (or load) of that file version, shared by everyone asking meanwhile. */
    private final ConcurrentHashMap<String, CompletableFuture<MediaInfo>> infos = new ConcurrentHashMap<>();

    public MediaInfoStore(EngineSettings settings) {
        this.settings = settings;
        this.prober = new MediaProber(settings);
    }

    /** Blocks until the info is known; throws {@link MediaException} saying why it cannot be. */
    public MediaInfo get(Path path, String sha) {
        CompletableFuture<MediaInfo> mine = new CompletableFuture<>();
        CompletableFuture<MediaInfo> shared = infos.putIfAbsent(sha, mine);
        if (shared != null) return await(shared);
        try {
            MediaInfo info = loadOrProbe(path, sha);
            mine.complete(info);
            return info;
        } catch (Throwable e) {
            // Not cached: the next caller tries again (the file may have been fixed or finished copying).
            infos.remove(sha, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Where a file version's info is saved. */
    public Path infoFile(String sha) {
        return MetadataFiles.infoFile(settings.metadataRoot(), sha);
    }

    private MediaInfo loadOrProbe(Path path, String sha) {
        MediaInfo saved = loadSaved(sha);
        if (saved != null) return saved;
        long start = System.nanoTime();
        MediaProber.Probe probe = prober.probeWithKeyframes(path, sha);
        LOG.log(Level.DEBUG, () -> String.format("media info of %s in %.1f ms", path, (System.nanoTime() - start) / 1e6));
        save(sha, probe.info());
        if (probe.keyframes() != null) saveKeyframes(sha, probe.keyframes());
        return probe.info();
    }

    private MediaInfo loadSaved(String sha) {
        Path file = infoFile(sha);
        try {
            MediaInfo info = MediaInfoJson.read(Files.readString(file, StandardCharsets.UTF_8));
            return sha.equals(info.sha()) ? info : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring unreadable " + file + ": " + e.getMessage());
            return null;
        }
    }

    private void save(String sha, MediaInfo info) {
        Path file = infoFile(sha);
        try {
            MetadataFiles.writeAtomically(file, MediaInfoJson.write(info));
        } catch (IOException e) {
            // The info is still served from memory; only the next start-up pays the probe again.
            LOG.log(Level.WARNING, "Cannot save " + file + ": " + e.getMessage());
        }
    }

    /**
     * Keyframes the probe read from the container's index: saved where the keyframe store looks
     * first, so the file is not opened a second time for them.
     */
    private void saveKeyframes(String sha, double[] keyframes) {
        Path file = MetadataFiles.keyframesFile(settings.metadataRoot(), sha);
        if (Files.exists(file)) return;
        try {
            MetadataFiles.writeKeyframes(file, keyframes);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot save " + file + ": " + e.getMessage());
        }
    }

    private static MediaInfo await(CompletableFuture<MediaInfo> shared) {
        try {
            return shared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof MediaException m) {
                throw new MediaException(m.kind(), m.getMessage(), m);
            }
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
