package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** {@code /:path/audio/:audio/segment-:n.ts}. */
final class AudioSegmentRoute extends PlayerRoute {
    AudioSegmentRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        super(root, media, tracker);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        int audio = RouteParams.audio(exchange);
        int segment = RouteParams.segment(exchange);
        StreamedFile stream = stream(player);
        SegmentRequests.checkAudio(stream, audio);
        SegmentRequests.checkSegment(stream, segment);
        seen(ClientPosition.audio(player.client(), player.file().path(), audio, segment));
        return SegmentRequests.whenReady(stream.audioSegment(audio, segment, Demand.of(player.client())));
    }
}
