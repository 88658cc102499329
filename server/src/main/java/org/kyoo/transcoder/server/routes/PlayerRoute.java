package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.engine.scheduling.ClientPosition;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.server.clients.ClientIds;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/**
 * A route a player calls (the playlists and segments): it names its player and a file, and tells
 * the engine's {@link Players}, the one owner of it, where that player is.
 */
abstract class PlayerRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final Players players;

    PlayerRoute(SafeRoot root, MediaSource media, Players players) {
        this.root = root;
        this.media = media;
        this.players = players;
    }

    /** Who asks and for which file; the client id is checked first, as SPEC lists the errors. */
    record Player(String client, RequestedFile file) {}

    Player player(HttpServerExchange exchange) {
        String client = ClientIds.of(exchange);
        return new Player(client, root.resolve(RouteParams.raw(exchange, "path")));
    }

    StreamedFile stream(Player player) {
        return media.stream(player.file().path(), player.file().sha());
    }

    /** A rendition this server makes: one that encodes video is refused (400) where video is never encoded. */
    Rendition offered(Rendition rendition) {
        if (rendition.encodesVideo() && !media.encodesVideo()) {
            throw HttpError.badRequest("Video transcoding is turned off on this server (GOCODER_TRANSCODE=disabled): only the original video is served.");
        }
        return rendition;
    }

    /** Whether video may be encoded here (false: masters list copies only). */
    boolean encodesVideo() {
        return media.encodesVideo();
    }

    /** What the request says of where its player is. */
    void seen(ClientPosition position) {
        players.seen(position);
    }

    /**
     * Segment n of {@code rendition} for the player, once its number was checked against the
     * file (a number past the scan must not count as a jump): where the player is goes to
     * {@link Players}, and its id with the request, so the engine tells its next segment from a seek.
     */
    Answer segment(Player player, StreamedFile stream, Rendition rendition, int n, String contentType) {
        seen(rendition.position(player.client(), player.file().path(), n));
        return SegmentRequests.whenReady(stream.segment(rendition, n, Demand.of(player.client())), contentType);
    }
}
