package org.kyoo.transcoder.engine.keyframes;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.storage.Store;
import org.kyoo.transcoder.engine.storage.StoreKeys;

/**
 * Keyframe indexes of every file asked for: in memory, then the metadata store's
 * {@code keyframes.json} ({@link SavedKeyframes}), else the container's own index, else a packet
 * scan; concurrent callers share one scan.
 */
public final class KeyframeStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KeyframeStore.class.getName());
    /** Spacing of the keyframes made up for files without video (SPEC: one every 2 s). */
    static final double DUMMY_INTERVAL = 2;
    /** Seconds before the end in which no cut is made up: a packet or two of audio at least. */
    static final double LAST_CUT_BEFORE_END = 0.25;

    private final Store metadata;
    private final ConcurrentHashMap<String, KeyframeIndex> indexes = new ConcurrentHashMap<>();
    private final Set<Scan> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param metadata where each file version's keyframes are saved and looked for first */
    public KeyframeStore(Store metadata) {
        this.metadata = metadata;
    }

    /** Returns at once with an index that may still be growing; see {@link KeyframeIndex#firstBatch()}. */
    public KeyframeIndex get(Path path, String sha, MediaInfo info) {
        return get(path, sha, info, 0);
    }

    /**
     * The cut points of video track {@code videoTrack} (order among the video tracks): each track
     * has its own keyframes, so each is indexed, scanned and saved on its own.
     *
     * @param info the file's info, for its duration (null: unknown)
     */
    public KeyframeIndex get(Path path, String sha, MediaInfo info, int videoTrack) {
        String key = videoTrack == 0 ? sha : sha + "/video-" + videoTrack;
        KeyframeIndex known = indexes.get(key);
        if (known != null) return known;
        KeyframeIndex index = new KeyframeIndex();
        known = indexes.putIfAbsent(key, index);
        if (known != null) return known;
        SavedKeyframes saved = loadSaved(sha, videoTrack);
        if (saved != null) {
            if (saved.fallback()) index.appendFallback(saved.keyframes());
            else index.append(saved.keyframes(), saved.keyframeTimes(), saved.keyframes().length);
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
                double[] keys = index.keyframesToArray();
                save(sha, videoTrack, new SavedKeyframes(all, index.isFallback(), java.util.Arrays.equals(all, keys) ? null : keys));
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

    private SavedKeyframes loadSaved(String sha, int videoTrack) {
        try {
            return SavedKeyframes.read(metadata, sha, videoTrack).orElse(null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring unreadable " + where(sha, videoTrack) + ": " + e.getMessage());
            return null;
        }
    }

    private void save(String sha, int videoTrack, SavedKeyframes saved) {
        try {
            saved.save(metadata, sha, videoTrack);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot save " + where(sha, videoTrack) + ": " + e.getMessage());
        }
    }

    private String where(String sha, int videoTrack) {
        return StoreKeys.keyframes(sha, videoTrack) + " in " + metadata.describe();
    }

    /**
     * Keyframes made up for a file without usable video: one every 2 s from 0 over {@code duration}.
     * None in its last {@value #LAST_CUT_BEFORE_END} s (the original's {@code duration/2 + 1} made
     * an empty last segment when the duration was a multiple of 2 s; a 4.03-s file cut at 4 s gave
     * one of 0.03 s holding no audio packet, which no head could make).
     */
    static double[] dummyKeyframes(double duration) {
        int count = Math.max(1, (int) Math.ceil((duration - LAST_CUT_BEFORE_END) / DUMMY_INTERVAL));
        double[] times = new double[count];
        for (int i = 0; i < count; i++) times[i] = i * DUMMY_INTERVAL;
        return times;
    }
}
