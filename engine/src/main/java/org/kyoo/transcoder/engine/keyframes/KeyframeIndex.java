package org.kyoo.transcoder.engine.keyframes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Presentation times (seconds) of a file's cut points, growing while the scan runs.
 *
 * <p>Readers may use the first entries long before the scan ends; listeners hear of each batch.
 * Segment i covers [get(i), get(i+1)); the last runs to the file's duration. A segment is shown
 * from the earliest picture its keyframe starts: an open-GOP keyframe (HEVC's CRA, an MPEG-2 I
 * frame) is followed in decode order by leading pictures shown before it, so segment i starts
 * there, and is decoded from its keyframe, at {@link #keyframe(int)}.
 */
public final class KeyframeIndex {
    private double[] times = new double[256];
    private double[] keys = new double[256];
    private int length;
    private boolean done;
    private boolean fallback;
    private final List<Consumer<KeyframeIndex>> listeners = new ArrayList<>();
    private final CompletableFuture<KeyframeIndex> firstBatch = new CompletableFuture<>();
    private final CompletableFuture<KeyframeIndex> completion = new CompletableFuture<>();

    /** An index already complete (loaded from keyframes.json or made of dummy keyframes). */
    public static KeyframeIndex complete(double[] times) {
        KeyframeIndex index = new KeyframeIndex();
        index.append(times, times.length);
        index.finish();
        return index;
    }

    /** The same, with open-GOP segments shown from {@code starts} and decoded from {@code keyframes}. */
    public static KeyframeIndex complete(double[] starts, double[] keyframes) {
        KeyframeIndex index = new KeyframeIndex();
        index.append(starts, keyframes, starts.length);
        index.finish();
        return index;
    }

    public synchronized double get(int i) {
        if (i < 0 || i >= length) throw new IndexOutOfBoundsException("keyframe " + i + " of " + length);
        return times[i];
    }

    /** Where segment i is decoded from: its keyframe's own time, at or after {@link #get(int)}. */
    public synchronized double keyframe(int i) {
        if (i < 0 || i >= length) throw new IndexOutOfBoundsException("keyframe " + i + " of " + length);
        return keys[i];
    }

    /** How many keyframes are known so far. */
    public synchronized int length() {
        return length;
    }

    /** True once the scan has ended and {@link #length()} is final. */
    public synchronized boolean isDone() {
        return done;
    }

    /**
     * True when these are not the file's keyframes but the every-2-s cuts made up for a file with
     * fewer than two (no video, a single picture): a copy of its video cut there would not start
     * on a keyframe.
     */
    public synchronized boolean isFallback() {
        return fallback;
    }

    /** A copy of keyframes [from, to). */
    public synchronized double[] slice(int from, int to) {
        if (to <= from) return new double[0];
        if (from < 0 || to > length) throw new IndexOutOfBoundsException(from + ".." + to + " of " + length);
        return Arrays.copyOfRange(times, from, to);
    }

    /** A copy of every keyframe known so far. */
    public synchronized double[] toArray() {
        return Arrays.copyOf(times, length);
    }

    /** A copy of every segment's keyframe time ({@link #keyframe(int)}) known so far. */
    public synchronized double[] keyframesToArray() {
        return Arrays.copyOf(keys, length);
    }

    /** Called after every batch (and once more at the end) with this index; runs on the scanning thread. */
    public void addListener(Consumer<KeyframeIndex> listener) {
        synchronized (this) {
            listeners.add(listener);
        }
    }

    public synchronized void removeListener(Consumer<KeyframeIndex> listener) {
        listeners.remove(listener);
    }

    /** Completes when the first batch is usable (or the scan ended, or failed). */
    public CompletableFuture<KeyframeIndex> firstBatch() {
        return firstBatch;
    }

    /** Completes when the scan has ended. */
    public CompletableFuture<KeyframeIndex> completion() {
        return completion;
    }

    // ---- producer side (the scanner) ----

    /** Appends {@code count} times from {@code values}, keyframes shown first; they must follow the ones already known. */
    public void append(double[] values, int count) {
        append(values, values, count);
    }

    /**
     * Appends {@code count} segments: where each is first shown ({@code starts}) and its keyframe's
     * own time ({@code keyframes}, the same or later).
     */
    public void append(double[] starts, double[] keyframes, int count) {
        List<Consumer<KeyframeIndex>> toCall;
        synchronized (this) {
            if (done) throw new IllegalStateException("keyframe index already complete");
            if (length + count > times.length) {
                times = Arrays.copyOf(times, Math.max(times.length * 2, length + count));
                keys = Arrays.copyOf(keys, times.length);
            }
            System.arraycopy(starts, 0, times, length, count);
            System.arraycopy(keyframes, 0, keys, length, count);
            length += count;
            toCall = List.copyOf(listeners);
        }
        if (length > 0) firstBatch.complete(this);
        toCall.forEach(l -> l.accept(this));
    }

    /** Appends the made-up every-2-s cuts of a file without usable keyframes; see {@link #isFallback()}. */
    public void appendFallback(double[] values) {
        synchronized (this) {
            fallback = true;
        }
        append(values, values.length);
    }

    /** Marks the scan as ended. */
    public void finish() {
        List<Consumer<KeyframeIndex>> toCall;
        synchronized (this) {
            done = true;
            toCall = List.copyOf(listeners);
        }
        firstBatch.complete(this);
        completion.complete(this);
        toCall.forEach(l -> l.accept(this));
    }

    /** The scan failed: waiters get the error. Keyframes already known stay readable. */
    public void fail(Throwable error) {
        synchronized (this) {
            done = true;
        }
        firstBatch.completeExceptionally(error);
        completion.completeExceptionally(error);
    }
}
