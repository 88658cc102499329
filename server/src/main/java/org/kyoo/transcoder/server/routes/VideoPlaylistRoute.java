package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.clients.VideoTrack;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** {@code /:path/:quality/index.m3u8}. */
final class VideoPlaylistRoute extends PlayerRoute {
    VideoPlaylistRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        super(root, media, tracker);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        VideoTrack video = RouteParams.quality(exchange);
        StreamedFile stream = stream(player);
        if (stream.info().video() == null) throw HttpError.badRequest("The file has no video.");
        seen(ClientPosition.video(player.client(), player.file().path(), video, -1));
        return MediaPlaylists.of(stream, RouteParams.links(exchange));
    }
}
