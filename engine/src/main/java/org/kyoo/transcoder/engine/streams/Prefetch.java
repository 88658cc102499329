package org.kyoo.transcoder.engine.streams;

import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * After serving segment n: one head at the first of the next segments no head will reach in time
 * and the store does not hold (in a shared store another instance may have made it: it then counts
 * as made, and the next one is looked at). The store is asked outside the stream's lock; nothing
 * starts when every head was stopped since the request's {@code generation} (it asks nothing more
 * of them).
 */
final class Prefetch {
    /** How many segments found made elsewhere a prefetch looks past at most (the rule's horizon). */
    private static final int LOOKS = 10;

    private Prefetch() {}

    static void after(Stream stream, int n, int generation) {
        SegmentFiles files = stream.files();
        StreamHeads heads = stream.headsOwner();
        for (int looked = 0; looked <= LOOKS; looked++) {
            int at;
            synchronized (stream) {
                if (!stream.setup().prefetch() || stream.isDestroyed() || generation != heads.generation()) return;
                at = stream.rule().prefetchAt(stream, n);
            }
            if (at < 0) return;
            boolean elsewhere = files.inStore(at);
            CompletableFuture<Stored> waiting;
            synchronized (stream) {
                if (stream.isDestroyed() || generation != heads.generation()) return;
                if (!elsewhere) {
                    if (stream.rule().prefetchAt(stream, n) == at) heads.start(at, false);
                    return;
                }
                waiting = files.found(at);
            }
            // requests already waiting on it have it now
            if (waiting != null) files.stored(at).ifPresent(waiting::complete);
        }
    }
}
