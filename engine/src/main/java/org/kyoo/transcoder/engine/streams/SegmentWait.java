package org.kyoo.transcoder.engine.streams;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.scheduling.Waits;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * One request's wait for a segment a head is making: its own copy of the segment's future,
 * bounded by the segment wait (then a TIMEOUT naming the segment), counted as waiting until it ends
 * however it ends, and followed by the stream's prefetch when it ends with the segment.
 */
final class SegmentWait {
    private SegmentWait() {}

    static CompletableFuture<Stored> of(Stream stream, int n, CompletableFuture<Stored> future, Waits.Wait wait) {
        Duration limit = stream.setup().segmentWait();
        // a copy: what a caller does to its future (cancel, timeouts) stays its own
        CompletableFuture<Stored> waiting = future.copy().orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .handle((stored, error) -> {
                    if (error == null) return stored;
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof TimeoutException) {
                        throw new MediaException(MediaException.Kind.TIMEOUT,
                                "Segment " + n + " of " + stream.label() + " not ready after " + limit.toSeconds() + " s");
                    }
                    throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
                });
        // however it ends, this request no longer waits: its head may pause or stop again
        waiting.whenComplete((stored, error) -> stoppedWaiting(stream, n, wait));
        if (stream.setup().prefetch()) {
            int generation = stream.headsOwner().generation();
            waiting.thenRun(() -> stream.prefetchUnlessKilled(n, generation));
        }
        return waiting;
    }

    private static void stoppedWaiting(Stream stream, int n, Waits.Wait wait) {
        synchronized (stream) {
            // a head this request was near may now be near nobody: it pauses at its next packet
            stream.waits().remove(n, wait);
        }
        stream.setup().scheduler().reconsider();
    }
}
