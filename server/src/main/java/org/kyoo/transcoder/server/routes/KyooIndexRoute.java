package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.playlists.Fmp4MediaPlaylist;
import org.kyoo.transcoder.engine.scheduling.Players;

/** Upstream's {@code /video/:path/:video/:quality/index.m3u8} and {@code /video/:path/audio/:audio/:quality/index.m3u8}. */
final class KyooIndexRoute extends PlayerRoute {
    private final boolean audio;

    KyooIndexRoute(SafeRoot root, MediaSource media, Players players, boolean audio) {
        super(root, media, players);
        this.audio = audio;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        StreamedFile stream = stream(player);
        Rendition rendition = offered(audio ? KyooParams.audio(exchange, stream.info()) : KyooParams.video(exchange, stream.info()));
        KeyframeIndex index = KyooParams.cuts(stream, rendition);
        // only a playlist that is answered moves the player: a failed one must not stop its old rendition
        seen(rendition.position(player.client(), player.file().path(), -1));
        PlaylistCuts cuts = PlaylistCuts.of(index, stream.info().duration());
        String m3u8 = Fmp4MediaPlaylist.render(cuts.keyframes(), cuts.complete(), cuts.end(), KyooParams.query(exchange, player.client()),
                stream.chapters());
        return new Answer.Text(ContentTypes.PLAYLIST, m3u8, cuts.cacheControl());
    }
}
