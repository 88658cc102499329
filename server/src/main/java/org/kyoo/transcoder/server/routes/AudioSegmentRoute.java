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

/** {@code /:path/audio/:audio/segment-:n.ts}. */
final class AudioSegmentRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final ClientTracker tracker;

    AudioSegmentRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        this.root = root;
        this.media = media;
        this.tracker = tracker;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        String client = ClientIds.of(exchange);
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        int audio = RouteParams.audio(exchange);
        int segment = RouteParams.segment(exchange);
        StreamedFile stream = media.stream(file.path(), file.sha());
        SegmentRequests.checkAudio(stream, audio);
        SegmentRequests.checkSegment(stream, segment);
        tracker.seen(ClientPosition.audio(client, file.path(), audio, segment));
        return SegmentRequests.whenReady(stream.audioSegment(audio, segment));
    }
}
