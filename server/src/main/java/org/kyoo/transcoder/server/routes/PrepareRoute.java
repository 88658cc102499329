package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.kyoo.transcoder.engine.chapters.Episode;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/**
 * Upstream's {@code /video/:path/prepare?prev=&next=}: 202 at once, then the probe, the keyframes,
 * the extraction and the sprite computed in the background for a file a player will open next,
 * and, given the previous or next episode (base64 paths, as {@code :path}), its intro and credits
 * found by comparing their audio.
 */
final class PrepareRoute implements Route {
    private static final System.Logger LOG = System.getLogger(PrepareRoute.class.getName());
    /**
     * One preparation at a time, a few queued, the rest refused: each blocks on a probe and the
     * first keyframes, which must not take the JVM's common pool (one thread on two cores) from
     * whatever else uses it, nor pile up without bound.
     */
    private static final ExecutorService PREPARING = BoundedThreads.of("prepare", 1, 16);
    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;

    PrepareRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        // the paths are checked now (400/404 as elsewhere); the work is not waited for
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        RequestedFile previous = neighbour(exchange, "prev");
        RequestedFile next = neighbour(exchange, "next");
        try {
            CompletableFuture.runAsync(() -> {
                MediaInfo info = media.info(file.path(), file.sha());
                InfoRoute.startExtraction(extraction, file, info);
                // the file's streams: its keyframe scan starts, the first batch is waited for here
                media.stream(file.path(), file.sha());
                // then the intro and credits, on the engine's own thread (minutes of audio to decode)
                if (previous != null || next != null) media.identifyChapters(episode(file), episode(previous), episode(next));
            }, PREPARING).exceptionally(e -> {
                LOG.log(System.Logger.Level.WARNING, "Could not prepare " + file.path(), e);
                return null;
            });
        } catch (RejectedExecutionException e) {
            // a hint, not an order: the file is prepared when it is opened all the same
            throw new HttpError(503, "Too many files being prepared; ask again later.");
        }
        exchange.setStatusCode(202);
        return new Answer.Text("text/plain", "", Answer.NO_CACHE);
    }

    /** The {@code prev} or {@code next} query parameter's file; null when not given. */
    private RequestedFile neighbour(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.getFirst().isEmpty()) return null;
        // the query is decoded as a form's: a standard base64 '+' arrives as a space
        return root.resolve(values.getFirst().replace(' ', '+'));
    }

    private static Episode episode(RequestedFile file) {
        return file == null ? null : new Episode(file.path(), file.sha());
    }
}
