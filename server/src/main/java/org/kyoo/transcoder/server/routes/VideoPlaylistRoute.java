package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.streams.Rendition;

/** {@code /:path/:quality/index.m3u8}. */
final class VideoPlaylistRoute extends PlayerRoute {
    VideoPlaylistRoute(SafeRoot root, MediaSource media, Players players) {
        super(root, media, players);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        Rendition video = offered(RouteParams.quality(exchange));
        StreamedFile stream = stream(player);
        if (stream.info().video() == null) throw HttpError.badRequest("The file has no video.");
        seen(video.position(player.client(), player.file().path(), -1));
        return MediaPlaylists.of(stream, RouteParams.links(exchange));
    }
}
