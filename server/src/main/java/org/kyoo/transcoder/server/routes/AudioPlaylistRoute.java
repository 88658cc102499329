package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.streams.Rendition;

/** {@code /:path/audio/:audio/index.m3u8}. */
final class AudioPlaylistRoute extends PlayerRoute {
    AudioPlaylistRoute(SafeRoot root, MediaSource media, Players players) {
        super(root, media, players);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        int audio = RouteParams.audio(exchange);
        StreamedFile stream = stream(player);
        SegmentRequests.checkAudio(stream, audio);
        seen(Rendition.tsAudio(audio).position(player.client(), player.file().path(), -1));
        return MediaPlaylists.of(stream, RouteParams.links(exchange));
    }
}
