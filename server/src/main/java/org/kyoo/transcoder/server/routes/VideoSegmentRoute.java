package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.clients.VideoTrack;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** {@code /:path/:quality/segment-:n.ts}: answered when the segment is ready, holding no thread meanwhile. */
final class VideoSegmentRoute extends PlayerRoute {
    VideoSegmentRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        super(root, media, tracker);
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        Player player = player(exchange);
        VideoTrack video = RouteParams.quality(exchange);
        int segment = RouteParams.segment(exchange);
        StreamedFile stream = stream(player);
        if (stream.info().video() == null) throw HttpError.badRequest("The file has no video.");
        SegmentRequests.checkSegment(stream, segment);
        seen(ClientPosition.video(player.client(), player.file().path(), video, segment));
        return SegmentRequests.whenReady(stream.videoSegment(video, segment, Demand.of(player.client())));
    }
}
