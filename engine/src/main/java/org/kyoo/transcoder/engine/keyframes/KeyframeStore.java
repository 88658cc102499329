package org.kyoo.transcoder.engine.keyframes;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.MetadataFiles;

/**
 * Keyframe indexes of every file asked for: in memory, then {@code {metadata}/{sha}/keyframes.json},
 * else the container's own index, else a packet scan; concurrent callers share one scan.
 */
public final class KeyframeStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KeyframeStore.class.getName());
    /** Spacing of the keyframes made up for files without video (SPEC: one every 2 s). */
    static final double DUMMY_INTERVAL = 2;

    private final EngineSettings settings;
    private final ConcurrentHashMap<String, KeyframeIndex> indexes = new ConcurrentHashMap<>();
    private final Set<Scan> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public KeyframeStore(EngineSettings settings) {
        this.settings = settings;
    }

    /** Returns at once with an index that may still be growing; see {@link KeyframeIndex#firstBatch()}. */
    public KeyframeIndex get(Path path, String sha, MediaInfo info) {
        return get(path, sha, info, 0);
    }

    /**
     * The cut points of video track {@code videoTrack} (order among the video tracks): each track
     * has its own keyframes, so each is indexed, scanned and saved on its own.
     */
    public KeyframeIndex get(Path path, String sha, MediaInfo info, int videoTrack) {
        String key = videoTrack == 0 ? sha : sha + "/video-" + videoTrack;
        KeyframeIndex known = indexes.get(key);
        if (known != null) return known;
        KeyframeIndex index = new KeyframeIndex();
        known = indexes.putIfAbsent(key, index);
        if (known != null) return known;
        MetadataFiles.SavedKeyframes saved = loadSaved(sha, videoTrack);
        if (saved != null) {
            if (saved.fallback()) index.appendFallback(saved.keyframes());
            else index.append(saved.keyframes(), saved.keyframes().length);
            index.finish();
            return index;
        }
        if (closed) {
            indexes.remove(key, index);
            index.fail(new CancellationException("keyframe store closed"));
            return index;
        }
        Scan scan = new Scan(path, sha, videoTrack, key, info, index);
        running.add(scan);
        Thread thread = new Thread(scan, "keyframes " + path.getFileName() + (videoTrack == 0 ? "" : " video " + videoTrack));
        // A scan must not keep the JVM alive at shut-down; it is cancelled by close() anyway.
        thread.setDaemon(true);
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            // no thread, no scan: nobody would complete the index, so it is not cached either
            running.remove(scan);
            indexes.remove(key, index);
            index.fail(e);
        }
        return index;
    }

    /** Where a file version's keyframes are saved. */
    public Path keyframesFile(String sha) {
        return MetadataFiles.keyframesFile(settings.metadataRoot(), sha);
    }

    /** Stops the scan of a file version, if one runs; its index fails with a CancellationException. */
    public void cancel(String sha) {
        for (Scan scan : running) if (scan.sha.equals(sha)) scan.cancelled = true;
    }

    /** Cancels every running scan; they stop at their next packet. */
    @Override
    public void close() {
        closed = true;
        for (Scan scan : running) scan.cancelled = true;
    }

    /** Reading one file's keyframes, on its own thread. */
    private final class Scan implements Runnable {
        final Path path;
        final String sha;
        final int videoTrack;
        final String key;
        final MediaInfo info;
        final KeyframeIndex index;
        volatile boolean cancelled;

        Scan(Path path, String sha, int videoTrack, String key, MediaInfo info, KeyframeIndex index) {
            this.path = path;
            this.sha = sha;
            this.videoTrack = videoTrack;
            this.key = key;
            this.info = info;
            this.index = index;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try {
                double[] all = KeyframeReader.read(path, videoTrack, info == null ? -1 : info.duration(), index,
                        () -> cancelled || Thread.currentThread().isInterrupted());
                LOG.log(Level.DEBUG, () -> String.format("%d keyframes of %s in %.1f ms", all.length, path,
                        (System.nanoTime() - start) / 1e6));
                // Saved before completion, so whoever waits for completion finds keyframes.json written.
                save(sha, videoTrack, new MetadataFiles.SavedKeyframes(all, index.isFallback()));
                index.finish();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                EngineEvents.emit(l -> l.keyframesIndexed(took, false));
            } catch (Throwable e) {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                EngineEvents.emit(l -> l.keyframesIndexed(took, true));
                // Not cached: a later request scans again.
                indexes.remove(key, index);
                index.fail(e);
                // Waiters get the error and decide; the log only traces it.
                LOG.log(Level.DEBUG, "Keyframes of " + path + ": " + e.getMessage());
            } finally {
                running.remove(this);
            }
        }
    }

    private MetadataFiles.SavedKeyframes loadSaved(String sha, int videoTrack) {
        Path file = MetadataFiles.keyframesFile(settings.metadataRoot(), sha, videoTrack);
        try {
            return MetadataFiles.readSavedKeyframes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring unreadable " + file + ": " + e.getMessage());
            return null;
        }
    }

    private void save(String sha, int videoTrack, MetadataFiles.SavedKeyframes saved) {
        Path file = MetadataFiles.keyframesFile(settings.metadataRoot(), sha, videoTrack);
        try {
            MetadataFiles.writeKeyframes(file, saved);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot save " + file + ": " + e.getMessage());
        }
    }

    /**
     * Keyframes made up for a file without usable video: one every 2 s from 0 over {@code duration}.
     * None at the very end (the original's {@code duration/2 + 1} made an empty last segment when
     * the duration was a multiple of 2 s).
     */
    static double[] dummyKeyframes(double duration) {
        int count = Math.max(1, (int) Math.ceil(duration / DUMMY_INTERVAL));
        double[] times = new double[count];
        for (int i = 0; i < count; i++) times[i] = i * DUMMY_INTERVAL;
        return times;
    }
}
