package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.clients.ClientIds;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** A route a player calls (the playlists and segments): it names its player and a file, and says where the player is. */
abstract class PlayerRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final ClientTracker tracker;

    PlayerRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        this.root = root;
        this.media = media;
        this.tracker = tracker;
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

    void seen(ClientPosition position) {
        tracker.seen(position);
    }
}
