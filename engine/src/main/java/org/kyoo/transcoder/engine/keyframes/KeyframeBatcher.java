package org.kyoo.transcoder.engine.keyframes;

import java.util.Arrays;

/**
 * Feeds a growing {@link KeyframeIndex} in batches: the first {@value #FIRST_BATCH} as soon as they
 * are found, then batches doubling up to {@value #LARGEST_BATCH}, or whatever is pending once a
 * second has passed, so slow reads still show progress. Listeners run once per batch, not per keyframe.
 */
final class KeyframeBatcher {
    static final int FIRST_BATCH = 100;
    static final int LARGEST_BATCH = 1000;
    private static final long MAX_WAIT_NANOS = 1_000_000_000L;

    private final KeyframeIndex index;
    private double[] pending = new double[FIRST_BATCH];
    private double[] pendingKeys = new double[FIRST_BATCH];
    private int pendingCount;
    private int published;
    private int nextBatch = FIRST_BATCH;
    private double last = Double.NEGATIVE_INFINITY;
    private long lastPublish = System.nanoTime();

    /** Seconds a keyframe must come after the one kept before it (0: every keyframe is kept). */
    private final double minSpacing;

    KeyframeBatcher(KeyframeIndex index) {
        this(index, 0);
    }

    KeyframeBatcher(KeyframeIndex index, double minSpacing) {
        this.index = index;
        this.minSpacing = minSpacing;
    }

    /**
     * Adds a keyframe time; one not after the previous (a broken timestamp) is dropped, as no segment
     * could end there, and so is one closer than the minimum spacing to the one kept before.
     */
    void add(double time) {
        add(time, time);
    }

    /** As {@link #add(double)}, for a segment shown from {@code start} and decoded from its keyframe at {@code keyframe}. */
    void add(double start, double keyframe) {
        if (!(start > last) || start - last < minSpacing) return;
        last = start;
        if (pendingCount == pending.length) {
            pending = Arrays.copyOf(pending, pending.length * 2);
            pendingKeys = Arrays.copyOf(pendingKeys, pending.length);
        }
        pendingKeys[pendingCount] = keyframe;
        pending[pendingCount++] = start;
        if (pendingCount >= nextBatch || (published > 0 && System.nanoTime() - lastPublish > MAX_WAIT_NANOS)) publish();
    }

    /** How many keyframes were added, published or not. */
    int count() {
        return published + pendingCount;
    }

    /** Hands the pending keyframes to the index. */
    void publish() {
        if (pendingCount == 0) return;
        index.append(pending, pendingKeys, pendingCount);
        published += pendingCount;
        pendingCount = 0;
        nextBatch = Math.min(nextBatch * 2, LARGEST_BATCH);
        lastPublish = System.nanoTime();
    }
}
