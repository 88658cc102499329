package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.streams.Rendition;

/** {@code /:path/audio/:audio/segment-:n.ts}. */
final class AudioSegmentRoute extends PlayerRoute {
    AudioSegmentRoute(SafeRoot root, MediaSource media, Players players) {
        super(root, media, players);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        int audio = RouteParams.audio(exchange);
        int segment = RouteParams.segment(exchange);
        StreamedFile stream = stream(player);
        SegmentRequests.checkAudio(stream, audio);
        SegmentRequests.checkSegment(stream, segment);
        return segment(player, stream, Rendition.tsAudio(audio), segment, ContentTypes.SEGMENT);
    }
}
