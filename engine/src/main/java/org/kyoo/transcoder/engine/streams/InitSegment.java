package org.kyoo.transcoder.engine.streams;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.scheduling.Priority;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * An fMP4 stream's init segment (ftyp + moov): every head writes the same header, and the first
 * committed is the stream's. It is there at once when a segment was committed (by this instance or,
 * in a shared store, by another, whose init a player may hold already); else it comes with
 * the first segment any live head commits (after a deep seek, the seek's head gives it: no head is
 * started at 0 for it); with no head running, once segment 0 is made, as upstream does.
 */
final class InitSegment {
    private InitSegment() {}

    static CompletableFuture<Stored> of(Stream stream) {
        SegmentFiles files = stream.files();
        // made before, here or (a shared store) by another instance: every head writes the same one
        Optional<Stored> made = files.init();
        if (made.isPresent()) return CompletableFuture.completedFuture(made.get());
        EncoderHead live;
        synchronized (stream) {
            live = firstToCommit(stream);
        }
        if (live == null) return stream.segment(0).thenApply(segment -> made(stream));
        // waited on as a request for the head's segment, so a head that fails or stalls fails the
        // init with its error or the segment timeout instead of leaving it waiting for ever
        CompletableFuture<Stored> awaited = stream.segment(live.position());
        CompletableFuture<Stored> init = files.initPublished().copy().applyToEither(awaited.thenApply(segment -> made(stream)), f -> f);
        // an init published by another head first: the segment wait (a frozen screen's rank) ends with it
        init.whenComplete((file, error) -> awaited.cancel(false));
        return init;
    }

    /**
     * The live head to wait on: one a player already waits on, the most urgent first (a seek's
     * head, whose segment comes soonest); else the one furthest behind. Waiting on another would
     * give that one a frozen screen's rank beside the seek's head: after a seek, hls.js asks for the
     * level's init again, and the head it found furthest behind (left at the old position) used to
     * take half the CPU from the seek's until it made its segment.
     */
    private static EncoderHead firstToCommit(Stream stream) {
        EncoderHead best = null;
        Priority rank = null;
        for (EncoderHead h : stream.liveHeads().view()) {
            if (h.cancelled()) continue;
            Priority p = stream.throttle().waitedPriority(h);
            if (p != null && (rank == null || p.ordinal() < rank.ordinal())) {
                best = h;
                rank = p;
            }
        }
        return best != null ? best : stream.liveHeads().earliest();
    }

    private static Stored made(Stream stream) {
        return stream.files().init()
                .orElseThrow(() -> new MediaException(MediaException.Kind.NOT_FOUND, "No init segment for " + stream.label()));
    }
}
