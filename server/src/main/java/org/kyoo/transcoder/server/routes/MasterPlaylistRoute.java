package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.clients.ClientIds;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.playlists.MasterPlaylist;

/** {@code /:path/master.m3u8}. Opens the file's streams, so the keyframe scan is under way for the next request. */
final class MasterPlaylistRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final ClientTracker tracker;

    MasterPlaylistRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        this.root = root;
        this.media = media;
        this.tracker = tracker;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        String client = ClientIds.of(exchange);
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        StreamedFile stream = media.stream(file.path(), file.sha());
        tracker.seen(ClientPosition.opened(client, file.path()));
        return new Answer.Text(ContentTypes.PLAYLIST, MasterPlaylist.render(stream.info()), Answer.NO_CACHE);
    }
}
