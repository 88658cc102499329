package org.kyoo.transcoder.engine.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.storage.Stored;

/**
 * What a head's end means for the requests waiting on its segments, decided under its stream's
 * lock and told outside it: a failure goes to whoever waits on the segment it was making; a head
 * stopped before segments requests still wait on hands them to a fresh head (unless the stream or
 * the head was killed: then they hear so at once, rather than after the timeout).
 */
final class HeadEnding {
    private CompletableFuture<Stored> failedWaiters;
    private Throwable failure;
    /** Segments a head that reached the file's end never made, with their waiters. */
    private final List<CompletableFuture<Stored>> unmade = new ArrayList<>();
    private final List<Integer> unmadeSegments = new ArrayList<>();
    private String file;
    private final List<CompletableFuture<Stored>> stranded = new ArrayList<>();
    private RuntimeException startFailure;
    private boolean restarted;

    private HeadEnding() {}

    /** Under the stream's lock, with the head already out of its list. */
    static HeadEnding of(Stream stream, EncoderHead head, Throwable failure) {
        HeadEnding ending = new HeadEnding();
        SegmentFiles files = stream.files();
        int n = head.position();
        boolean failed = failure != null && !head.cancelled();
        if (failed && !files.isDone(n) && n < files.trackedCount()) {
            // later requests wait on a fresh future (and may start a new head); these hear of the failure
            ending.failedWaiters = files.replaceReadiness(n);
            ending.failure = failure;
        } else if (!failed && (head.cancelled() || head.declined())) {
            ending.handOver(stream, head);
        } else if (failure == null) {
            ending.ranOut(stream, head);
        }
        return ending;
    }

    /**
     * The head read the file to its end without making segments it was to make (a damaged or cut
     * file, a track that stops early): nobody ever will, so whoever waits on one hears so now, not
     * a 503 after the wait's bound, which players retry for ever.
     */
    private void ranOut(Stream stream, EncoderHead head) {
        SegmentFiles files = stream.files();
        for (int k = head.position(); k < head.end() && k < files.trackedCount(); k++) {
            if (files.isDone(k) || !stream.waits().waitedOn(k)) continue;
            unmade.add(files.replaceReadiness(k));
            unmadeSegments.add(k);
        }
        file = stream.setup().file().toString();
    }

    private void handOver(Stream stream, EncoderHead head) {
        SegmentFiles files = stream.files();
        boolean closed = stream.isDestroyed();
        for (int k = head.position(); k < head.end() && k < files.trackedCount(); k++) {
            if (files.isDone(k) || !stream.waits().waitedOn(k)) continue;
            // a head started since (a player back on this quality) makes it: its waiters wait on
            if (!closed && stream.liveHeads().makes(k, head)) continue;
            if (closed || head.killed()) {
                stranded.add(files.replaceReadiness(k));
                continue;
            }
            // the first one only: the head started there goes on to the later ones
            try {
                stream.restartFor(k);
            } catch (RuntimeException e) {
                startFailure = e;
                stranded.add(files.replaceReadiness(k));
            }
            restarted = true;
            return;
        }
    }

    /** Outside the lock: whoever waits hears why now, not after the timeout. */
    void tell(Scheduler scheduler) {
        if (failedWaiters != null) failedWaiters.completeExceptionally(failure);
        for (int i = 0; i < unmade.size(); i++) {
            unmade.get(i).completeExceptionally(new MediaException(MediaException.Kind.UNREADABLE, "Segment "
                    + unmadeSegments.get(i) + " of " + file + " cannot be made: the file ends before it (damaged, cut short,"
                    + " or this track stops early)"));
        }
        if (restarted) scheduler.reconsider();
        for (CompletableFuture<Stored> f : stranded) {
            f.completeExceptionally(startFailure != null ? startFailure
                    : new MediaException(MediaException.Kind.NOT_FOUND, "Stream closed"));
        }
    }
}
