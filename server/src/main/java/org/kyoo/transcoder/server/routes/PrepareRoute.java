package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.util.concurrent.CompletableFuture;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/**
 * Upstream's {@code /video/:path/prepare}: 202 at once, then the probe, the keyframes, the
 * extraction and the sprite computed in the background for a file a player will open next.
 */
final class PrepareRoute implements Route {
    private static final System.Logger LOG = System.getLogger(PrepareRoute.class.getName());
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
        // the path is checked now (400/404 as elsewhere); the work is not waited for
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        CompletableFuture.runAsync(() -> {
            MediaInfo info = media.info(file.path(), file.sha());
            extraction.extract(file.path(), file.sha(), info);
            if (info.video() != null) extraction.sprite(file.path(), file.sha(), info);
            // the file's streams: its keyframe scan starts, the first batch is waited for here
            media.stream(file.path(), file.sha());
        }).exceptionally(e -> {
            LOG.log(System.Logger.Level.WARNING, "Could not prepare " + file.path(), e);
            return null;
        });
        exchange.setStatusCode(202);
        return new Answer.Text("text/plain", "", Answer.NO_CACHE);
    }
}
