package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.clients.ClientIds;
import org.kyoo.transcoder.server.clients.ClientPosition;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.clients.VideoTrack;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.StreamedFile;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** {@code /:path/:quality/segment-:n.ts}: answered when the segment is ready, holding no thread meanwhile. */
final class VideoSegmentRoute implements Route {
    private final SafeRoot root;
    private final MediaSource media;
    private final ClientTracker tracker;

    VideoSegmentRoute(SafeRoot root, MediaSource media, ClientTracker tracker) {
        this.root = root;
        this.media = media;
        this.tracker = tracker;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        String client = ClientIds.of(exchange);
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        VideoTrack video = RouteParams.quality(exchange);
        int segment = RouteParams.segment(exchange);
        StreamedFile stream = media.stream(file.path(), file.sha());
        if (stream.info().video() == null) throw HttpError.badRequest("The file has no video.");
        SegmentRequests.checkSegment(stream, segment);
        tracker.seen(ClientPosition.video(client, file.path(), video, segment));
        return SegmentRequests.whenReady(stream.videoSegment(video, segment));
    }
}
