package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.engine.scheduling.Players;

/**
 * Upstream's {@code …/:quality/init.mp4} and {@code …/:quality/segment-N.mp4}, video and audio:
 * answered when ready, holding no thread meanwhile.
 */
final class KyooChunkRoute extends PlayerRoute {
    static final String FMP4 = "video/mp4";
    private final boolean audio;

    KyooChunkRoute(SafeRoot root, MediaSource media, Players players, boolean audio) {
        super(root, media, players);
        this.audio = audio;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        StreamedFile stream = stream(player);
        Rendition rendition = audio ? KyooParams.audio(exchange, stream.info()) : KyooParams.video(exchange, stream.info());
        int segment = KyooParams.chunk(exchange);
        if (segment == KyooParams.INIT_SEGMENT) {
            return new Answer.Later(stream.init(rendition).thenApply(init -> new Answer.Kept(init, FMP4, Answer.CACHEABLE)));
        }
        SegmentRequests.checkSegment(KyooParams.cuts(stream, rendition), segment);
        return segment(player, stream, rendition, segment, FMP4);
    }
}
