package org.kyoo.transcoder.server.routes;

import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.media.StreamedFile;

/** What segment routes share: range checks against the file, and waiting for a segment. */
final class SegmentRequests {
    private SegmentRequests() {}

    static void checkAudio(StreamedFile stream, int audio) {
        int tracks = stream.info().audios().size();
        if (audio >= tracks) {
            throw HttpError.badRequest("No audio track " + audio + ": the file has " + tracks + ".");
        }
    }

    /**
     * The engine's own range (the segments whose end is known), checked before the tracker hears of
     * the request: a segment number past the scan would otherwise count as a jump and stop this
     * player's own heads.
     */
    static void checkSegment(StreamedFile stream, int segment) {
        checkSegment(stream.keyframes(), segment);
    }

    /** As above, against the cut points of one video track (upstream's table). */
    static void checkSegment(KeyframeIndex index, int segment) {
        int length = index.length();
        int known = index.isDone() ? length : Math.max(0, length - 1);
        if (segment < 0 || segment >= known) {
            throw HttpError.badRequest("Segment " + segment + " is out of range: the file has "
                    + (index.isDone() ? "" : "at least ") + known + ".");
        }
    }

    /**
     * The answer once the segment is ready (the engine bounds the wait: SPEC's 60 s, then 503). The
     * answer cancelled (its player hung up) cancels the engine's future, so the engine stops
     * counting the request as waiting and its head may pause or stop.
     */
    static Answer whenReady(CompletableFuture<Stored> segment, String contentType) {
        CompletableFuture<Answer> answer = segment.thenApply(stored -> new Answer.Kept(stored, contentType, Answer.CACHEABLE));
        answer.whenComplete((a, error) -> {
            if (answer.isCancelled()) segment.cancel(false);
        });
        return new Answer.Later(answer);
    }
}
