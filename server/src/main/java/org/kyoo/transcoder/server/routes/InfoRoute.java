package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.playlists.MetadataLinks;
import org.kyoo.transcoder.server.playlists.WithoutTranscoding;

/**
 * {@code /:path/info}: the media info with the links to its subtitles and fonts; starts extraction
 * and the sprite so they are ready when asked for.
 */
final class InfoRoute implements Route {
    private static final System.Logger LOG = System.getLogger(InfoRoute.class.getName());

    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;
    private final MetadataLinks links;

    InfoRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
        this.links = new MetadataLinks(extraction.routePrefix());
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        MediaInfo info = media.described(file.path(), file.sha());
        startExtraction(extraction, file, info);
        // the subtitle links a player follows carry the query it came with, as playlist URIs do
        MediaInfo linked = links.on(info, RouteParams.links(exchange));
        return new Answer.Json(media.encodesVideo() ? linked : WithoutTranscoding.info(linked));
    }

    /** Starts the extraction and, for a video, the sprite, so they are ready when a player asks for them. */
    static void startExtraction(BackgroundExtraction extraction, RequestedFile file, MediaInfo info) {
        // fire and forget: the routes serving their output wait for them and report failures
        startQuietly(() -> extraction.extract(file.path(), file.sha(), info), "extraction", file);
        if (info.video() != null) startQuietly(() -> extraction.sprite(file.path(), file.sha(), info), "sprite", file);
    }

    private static void startQuietly(Runnable start, String what, RequestedFile file) {
        try {
            start.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not start " + what + " of " + file.path(), e);
        }
    }
}
