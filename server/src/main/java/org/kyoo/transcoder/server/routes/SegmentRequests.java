package org.kyoo.transcoder.server.routes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.media.StreamedFile;

/** What segment routes share: range checks against the file, and waiting for a segment. */
final class SegmentRequests {
    /** A player asking for a segment not made yet waits this long at most (SPEC). */
    static final Duration WAIT = Duration.ofSeconds(60);

    private SegmentRequests() {}

    static void checkAudio(StreamedFile stream, int audio) {
        int tracks = stream.info().audios().size();
        if (audio >= tracks) {
            throw HttpError.badRequest("No audio track " + audio + ": the file has " + tracks + ".");
        }
    }

    /** Out of range now, or out of range for sure once the scan is over; beyond a running scan the engine decides. */
    static void checkSegment(StreamedFile stream, int segment) {
        KeyframeIndex index = stream.keyframes();
        boolean complete = index.isDone();
        int length = index.length();
        if (segment < 0 || (complete && segment >= length)) {
            throw HttpError.badRequest("Segment " + segment + " is out of range: the file has " + length + ".");
        }
    }

    /**
     * The answer once the segment is ready. The timeout applies to a copy, so the engine's own
     * future, shared with other players, is never failed by one player's wait.
     */
    static Answer whenReady(CompletableFuture<Path> segment) {
        CompletableFuture<Answer> answer = segment
                .thenApply(file -> (Answer) new Answer.File(file, ContentTypes.SEGMENT, Answer.CACHEABLE))
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return new Answer.Later(answer);
    }
}
