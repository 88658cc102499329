package org.kyoo.transcoder.engine.probing;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.keyframes.SavedKeyframes;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfoJson;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;

/**
 * Media info of every file asked for: in memory, then the metadata store's {@code info.json}, else
 * one in-process probe shared by concurrent callers. A failed probe is not cached.
 */
public final class MediaInfoStore {
    private static final System.Logger LOG = System.getLogger(MediaInfoStore.class.getName());

    private final Store metadata;
    private final MediaProber prober = new MediaProber();
    /** sha → the one probe (or load) of that file version, shared by everyone asking meanwhile. */
    private final ConcurrentHashMap<String, CompletableFuture<MediaInfo>> infos = new ConcurrentHashMap<>();

    /** @param metadata where each file version's info (and the keyframes a probe reads for free) is kept */
    public MediaInfoStore(Store metadata) {
        this.metadata = metadata;
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

    private MediaInfo loadOrProbe(Path path, String sha) {
        MediaInfo saved = loadSaved(sha);
        if (saved != null && !predatesHdr(saved)) return saved;
        long start = System.nanoTime();
        MediaProber.Probe probe = prober.probeWithKeyframes(path, sha);
        LOG.log(Level.DEBUG, () -> String.format("media info of %s in %.1f ms", path, (System.nanoTime() - start) / 1e6));
        save(sha, probe.info());
        if (probe.keyframes() != null) saveKeyframes(sha, probe.keyframes());
        if (saved != null && probe.info().video() != null && probe.info().video().hdr() != null) forgetSprite(sha);
        return probe.info();
    }

    private MediaInfo loadSaved(String sha) {
        String key = StoreKeys.info(sha);
        try {
            Optional<byte[]> json = metadata.readBytes(key);
            if (json.isEmpty()) return null;
            MediaInfo info = MediaInfoJson.read(new String(json.get(), StandardCharsets.UTF_8));
            return sha.equals(info.sha()) && !holdsLinks(info) ? info : null;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring unreadable " + key + " in " + metadata.describe() + ": " + e.getMessage());
            return null;
        }
    }

    /** An info.json written before HDR was read (no video says its range): probed again once, the rest kept. */
    private static boolean predatesHdr(MediaInfo info) {
        return info.videos() != null && info.videos().stream().anyMatch(v -> v.videoRange() == null);
    }

    /** The sprite of an HDR file made before sprites were tone-mapped: made again on next ask. */
    private void forgetSprite(String sha) {
        try {
            metadata.deleteAll(StoreKeys.sprite(sha));
            metadata.deleteAll(StoreKeys.spriteMap(sha));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete the washed-out sprite of " + sha + " in " + metadata.describe() + ": " + e.getMessage());
        }
    }

    /**
     * An info.json written while the engine still wrote links (a subtitle's link, a font's URL
     * rather than its name): probed again once, so the server never links a link.
     */
    private static boolean holdsLinks(MediaInfo info) {
        return info.subtitles() != null && info.subtitles().stream().anyMatch(s -> s.link() != null)
                || info.fonts() != null && info.fonts().stream().anyMatch(font -> font.contains("/attachment/"));
    }

    private void save(String sha, MediaInfo info) {
        try {
            metadata.write(StoreKeys.info(sha), MediaInfoJson.write(info).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The info is still served from memory; only the next start-up pays the probe again.
            LOG.log(Level.WARNING, "Cannot save " + StoreKeys.info(sha) + " in " + metadata.describe() + ": " + e.getMessage());
        }
    }

    /**
     * Keyframes the probe read from the container's index: saved where the keyframe store looks
     * first, so the file is not opened a second time for them.
     */
    private void saveKeyframes(String sha, double[] keyframes) {
        if (metadata.exists(StoreKeys.keyframes(sha, 0))) return;
        try {
            new SavedKeyframes(keyframes).save(metadata, sha, 0);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot save " + StoreKeys.keyframes(sha, 0) + " in " + metadata.describe() + ": " + e.getMessage());
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
