package org.kyoo.transcoder.engine.segments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * One stream of a file (a video quality, the original, or an audio track): its segments' readiness
 * and its heads, behind one lock. Heads call back here to publish; requests ask here to wait.
 */
final class SegmentedStream {
    private static final System.Logger LOG = System.getLogger(SegmentedStream.class.getName());
    /** A head makes at most this many segments. */
    static final int MAX_SEGMENTS_PER_HEAD = 100;
    /** A head further behind than this (seconds of media) is too far to wait for: start another. */
    static final double MAX_HEAD_DISTANCE = 60;
    /** Video prefetch looks this many segments ahead of the one served. */
    static final int PREFETCH_SEGMENTS = 10;

    /** What a stream needs to know to run heads; one per stream. */
    record Config(String label, Path dir, KeyframeIndex keyframes, Supplier<SegmentPipeline> pipelines,
                  boolean prefetch, String preset, String startupPreset, Duration segmentWait, Container container) {
        /** An MPEG-TS stream (the v3 table). */
        Config(String label, Path dir, KeyframeIndex keyframes, Supplier<SegmentPipeline> pipelines,
               boolean prefetch, String preset, String startupPreset, Duration segmentWait) {
            this(label, dir, keyframes, pipelines, prefetch, preset, startupPreset, segmentWait, Container.TS);
        }
    }

    private final Config config;
    private final KeyframeIndex keyframes;
    /** Segments complete on disk; the source of truth, kept under the lock. */
    private final BitSet done = new BitSet();
    /** What waiters wait on; completed outside the lock, so no caller's callback runs holding it. */
    private final List<CompletableFuture<Path>> ready = new ArrayList<>();
    private final List<EncoderHead> heads = new ArrayList<>();
    private int nextHeadId;
    private boolean destroyed;

    SegmentedStream(Config config) {
        this.config = config;
        this.keyframes = config.keyframes();
    }

    String label() {
        return config.label();
    }

    /** Segments whose end is known: all once the keyframe scan is done, else all but the last known. */
    int segmentCount() {
        int length = keyframes.length();
        return keyframes.isDone() ? length : Math.max(0, length - 1);
    }

    double segmentStart(int n) {
        return keyframes.get(n);
    }

    double segmentEnd(int n) {
        return n + 1 < keyframes.length() ? keyframes.get(n + 1) : Double.POSITIVE_INFINITY;
    }

    Path segmentFile(int n) {
        return config.dir().resolve("segment-" + n + "." + config.container().extension());
    }

    Path temporaryFile(int n, int head) {
        return config.dir().resolve("segment-" + n + "." + config.container().extension() + ".h" + head + ".tmp");
    }

    /** An fMP4 stream's init segment: the header of the first segment published (every head writes the same). */
    Path initFile() {
        return config.dir().resolve("init.mp4");
    }

    /** True once some segment of an fMP4 stream was published, and with it {@link #initFile()}. */
    synchronized boolean hasInit() {
        return !done.isEmpty();
    }

    /**
     * Segment n, at once when ready; otherwise starts a head when none will reach it soon, and
     * waits (up to the configured time) for it.
     */
    CompletableFuture<Path> segment(int n) {
        if (n < 0 || n >= segmentCount()) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.BAD_REQUEST,
                    "Segment " + n + " out of range (" + segmentCount() + " segments)"));
        }
        CompletableFuture<Path> future;
        synchronized (this) {
            if (destroyed) return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.NOT_FOUND, "Stream closed"));
            future = readiness(n);
            if (done.get(n)) {
                prefetch(n);
                // a copy: what a caller does to its future (cancel, timeouts) stays its own
                return CompletableFuture.completedFuture(segmentFile(n));
            }
            double distance = distance(n);
            if (distance > MAX_HEAD_DISTANCE) {
                LOG.log(Level.DEBUG, "{0}: new head for segment {1} (nearest head {2} s behind)", label(), n, distance);
                startHead(n, true);
            }
        }
        CompletableFuture<Path> waiting = future.copy().orTimeout(config.segmentWait().toMillis(), TimeUnit.MILLISECONDS)
                .handle((path, error) -> {
                    if (error == null) return path;
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        throw new MediaException(MediaException.Kind.TIMEOUT,
                                "Segment " + n + " of " + label() + " not ready after " + config.segmentWait().toSeconds() + " s");
                    }
                    throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
                });
        if (config.prefetch()) waiting.thenRun(() -> prefetchLocked(n));
        return waiting;
    }

    /** True once segment n is complete on disk. */
    synchronized boolean isReady(int n) {
        return done.get(n);
    }

    /** The readiness future of segment n; a failed one is replaced so the segment can be retried. */
    private CompletableFuture<Path> readiness(int n) {
        while (ready.size() <= n) ready.add(new CompletableFuture<>());
        CompletableFuture<Path> f = ready.get(n);
        if (f.isCompletedExceptionally()) {
            f = new CompletableFuture<>();
            ready.set(n, f);
        }
        return f;
    }

    /** Seconds of media between segment n and the nearest live head at or before it planned to reach it. */
    private double distance(int n) {
        double time = segmentStart(n);
        double best = Double.POSITIVE_INFINITY;
        for (EncoderHead h : heads) {
            if (h.cancelled() || h.position() > n || n >= h.end()) continue;
            best = Math.min(best, time - segmentStart(h.position()));
        }
        return best;
    }

    private void prefetchLocked(int n) {
        synchronized (this) {
            prefetch(n);
        }
    }

    /** After serving n: one head at the first of the next segments no head will reach in time. */
    private void prefetch(int n) {
        if (!config.prefetch() || destroyed) return;
        int last = Math.min(n + PREFETCH_SEGMENTS, segmentCount() - 1);
        for (int i = n + 1; i <= last; i++) {
            if (isReady(i)) continue;
            // 60 s, plus 5 s per segment of distance: a head already on its way will get there
            if (distance(i) < MAX_HEAD_DISTANCE + 5.0 * (i - n)) continue;
            LOG.log(Level.DEBUG, "{0}: prefetch head for segment {1}", label(), i);
            startHead(i, false);
            return;
        }
    }

    /** Starts a head at {@code start}, up to 100 segments, stopping before one ready or being made. */
    private void startHead(int start, boolean playerWaiting) {
        int end = Math.min(start + MAX_SEGMENTS_PER_HEAD, segmentCount());
        for (int i = start; i < end; i++) {
            if (isReady(i) || headAt(i)) {
                end = i;
                break;
            }
        }
        if (start >= end) return;
        try {
            Files.createDirectories(config.dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String firstPreset = playerWaiting && config.startupPreset() != null && !config.startupPreset().isEmpty()
                ? config.startupPreset() : config.preset();
        EncoderHead head = new EncoderHead(this, config.pipelines().get(), nextHeadId++, start, end, firstPreset, config.preset());
        heads.add(head);
        head.start();
    }

    private boolean headAt(int n) {
        for (EncoderHead h : heads) if (!h.cancelled() && h.position() == n) return true;
        return false;
    }

    /** A head finished segment n at its temporary file: make it visible. Returns whether the head goes on. */
    boolean publish(EncoderHead head, int n) {
        Path tmp = temporaryFile(n, head.id());
        Path file = segmentFile(n);
        CompletableFuture<Path> waiters;
        boolean goOn;
        synchronized (this) {
            try {
                if (done.get(n) || destroyed) {
                    // another head got there first: this one has nothing left to add
                    Files.deleteIfExists(tmp);
                    Files.deleteIfExists(Fmp4Split.initFile(tmp));
                    return false;
                }
                if (config.container() == Container.FMP4) publishInit(Fmp4Split.initFile(tmp));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done.set(n);
            waiters = readiness(n);
            int next = n + 1;
            goOn = !head.cancelled() && next < head.end() && !done.get(next);
        }
        head.published(n);
        waiters.complete(file);
        return goOn;
    }

    /** The first head to publish gives the stream its init segment; later ones (identical) are dropped. */
    private void publishInit(Path header) throws IOException {
        if (Files.exists(initFile())) Files.deleteIfExists(header);
        else Files.move(header, initFile(), StandardCopyOption.ATOMIC_MOVE);
    }

    void headEnded(EncoderHead head, Throwable failure) {
        CompletableFuture<Path> waiters = null;
        synchronized (this) {
            heads.remove(head);
            int n = head.position();
            if (failure != null && !head.cancelled() && !done.get(n) && n < ready.size()) {
                // later requests wait on a fresh future (and may start a new head); these hear of the failure
                waiters = ready.get(n);
                ready.set(n, new CompletableFuture<>());
            }
        }
        if (failure != null && !head.cancelled()) LOG.log(Level.WARNING, label() + ": " + head + " failed", failure);
        // whoever waits on the segment it was making hears why now, not after the timeout
        if (waiters != null) waiters.completeExceptionally(failure);
    }

    /** Stops every head (they end between two packets and delete their unfinished file). */
    synchronized void kill() {
        for (EncoderHead h : heads) h.cancel();
    }

    /** Stops the heads more than {@code distance} segments away from every segment in {@code watched}. */
    synchronized void killFarFrom(int[] watched, int distance) {
        for (EncoderHead h : heads) {
            boolean near = false;
            for (int w : watched) near |= Math.abs(h.position() - w) <= distance;
            if (!near && !awaited(h)) h.cancel();
        }
    }

    /**
     * Whether a request waits on a segment this head is to make. Such a head is not orphaned,
     * however far it is from the players' last positions: a request may wait on a head up to a
     * minute of media behind it, which can be more segments than the orphan distance.
     */
    private boolean awaited(EncoderHead h) {
        for (int k = h.position(); k < h.end() && k < ready.size(); k++) {
            if (!done.get(k) && ready.get(k).getNumberOfDependents() > 0) return true;
        }
        return false;
    }

    /** Stops one head. */
    synchronized void killHead(int id) {
        for (EncoderHead h : heads) if (h.id() == id) h.cancel();
    }

    /** The heads still running (cancelled ones until their thread ends), for tests and diagnostics. */
    synchronized List<EncoderHead> heads() {
        return List.copyOf(heads);
    }

    /** Waits (bounded) for every running head's thread to end; false when some did not in time. */
    boolean awaitHeads(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (EncoderHead h : heads()) {
            if (!h.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000))) return false;
        }
        return true;
    }

    /** Stops every head for good and waits (bounded) for their threads, so nothing writes afterwards. */
    void destroy(Duration wait) {
        synchronized (this) {
            destroyed = true;
            kill();
        }
        try {
            awaitHeads(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
