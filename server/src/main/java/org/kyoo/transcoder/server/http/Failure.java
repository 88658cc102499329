package org.kyoo.transcoder.server.http;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * The one place mapping what went wrong to a status and a message: 400 bad request, 404 missing,
 * 422 for a file that is there but cannot be served, 503 when a segment is not ready in time, 500
 * for the rest (logged, with a generic message).
 */
public record Failure(int status, String message, boolean unexpected) {
    public static final String INTERNAL = "Internal server error";

    public static Failure of(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof HttpError http) return new Failure(http.status(), http.getMessage(), false);
        if (DiskFull.in(cause)) {
            // what is cached is still served; only new segments wait for room
            return new Failure(507, "The cache disk is full; try again later.", false);
        }
        if (cause instanceof MediaException media) return new Failure(status(media.kind()), media.getMessage(), false);
        if (cause instanceof TimeoutException) {
            return new Failure(503, "Not ready in time; try again.", false);
        }
        return new Failure(500, INTERNAL, true);
    }

    private static int status(MediaException.Kind kind) {
        return switch (kind) {
            // no file, or no video to make thumbnails of
            case NOT_FOUND, NO_VIDEO -> 404;
            case BAD_REQUEST -> 400;
            case TIMEOUT -> 503;
            // the file exists but no player could use it (not media, unreadable, no streams):
            // not the client's request, not our bug
            default -> 422;
        };
    }

    /** Futures wrap the failure that matters. */
    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
