package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.util.List;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.playlists.LinkQuery;

/** {@code /:path/info}: the media info; starts extraction and the sprite so they are ready when asked for. */
final class InfoRoute implements Route {
    private static final System.Logger LOG = System.getLogger(InfoRoute.class.getName());

    private final SafeRoot root;
    private final MediaSource media;
    private final BackgroundExtraction extraction;

    InfoRoute(SafeRoot root, MediaSource media, BackgroundExtraction extraction) {
        this.root = root;
        this.media = media;
        this.extraction = extraction;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        MediaInfo info = media.info(file.path(), file.sha());
        startExtraction(extraction, file, info);
        return new Answer.Json(withQuery(info, RouteParams.links(exchange)));
    }

    /** The subtitle links a player follows carry the query it came with, as playlist URIs do. */
    private static MediaInfo withQuery(MediaInfo info, LinkQuery links) {
        if (links.query().isEmpty() || info.subtitles().isEmpty()) return info;
        List<MediaInfo.Subtitle> subtitles = info.subtitles().stream()
                .map(s -> s.link() == null ? s : s.withLink(links.on(s.link())))
                .toList();
        return new MediaInfo(info.sha(), info.path(), info.extension(), info.mimeCodec(), info.size(), info.duration(),
                info.container(), info.video(), info.videos(), info.audios(), subtitles, info.fonts(), info.chapters());
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
