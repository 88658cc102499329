package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** {@code /:path/audio/:audio/index.m3u8}. */
final class AudioPlaylistRoute extends PlayerRoute {
    AudioPlaylistRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        super(root, media, tracker);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        int audio = RouteParams.audio(exchange);
        StreamedFile stream = stream(player);
        SegmentRequests.checkAudio(stream, audio);
        seen(ClientPosition.audio(player.client(), player.file().path(), audio, -1));
        return MediaPlaylists.of(stream, RouteParams.links(exchange));
    }
}
