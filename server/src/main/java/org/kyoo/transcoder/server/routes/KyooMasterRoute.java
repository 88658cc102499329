package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.playlists.KyooMasterPlaylist;
import org.kyoo.transcoder.server.playlists.WithoutTranscoding;
import org.kyoo.transcoder.engine.scheduling.ClientPosition;
import org.kyoo.transcoder.engine.scheduling.Players;

/** Upstream's {@code /video/:path/master.m3u8}. */
final class KyooMasterRoute extends PlayerRoute {
    KyooMasterRoute(SafeRoot root, MediaSource media, Players players) {
        super(root, media, players);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        StreamedFile stream = stream(player);
        seen(ClientPosition.opened(player.client(), player.file().path()));
        String m3u8 = KyooMasterPlaylist.render(stream.info(), stream.keyframes().isFallback(),
                KyooParams.query(exchange, player.client()));
        if (!encodesVideo()) m3u8 = WithoutTranscoding.master(m3u8);
        if (m3u8 == null) throw new HttpError(422, WithoutTranscoding.reason(stream.info().video(), false));
        return new Answer.Text(ContentTypes.PLAYLIST, m3u8, Answer.NO_CACHE);
    }
}
