package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.playlists.KyooMasterPlaylist;

/** Upstream's {@code /video/:path/master.m3u8}. */
final class KyooMasterRoute extends PlayerRoute {
    KyooMasterRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        super(root, media, tracker);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        StreamedFile stream = stream(player);
        seen(ClientPosition.opened(player.client(), player.file().path()));
        String m3u8 = KyooMasterPlaylist.render(stream.info(), KyooParams.query(exchange, player.client()));
        return new Answer.Text(ContentTypes.PLAYLIST, m3u8, Answer.NO_CACHE);
    }
}
