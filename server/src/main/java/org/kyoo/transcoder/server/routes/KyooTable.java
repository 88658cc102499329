package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;
import java.util.function.Function;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.server.http.AnswerWriter;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.http.RouteHandler;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.SafeRoot;

/**
 * Upstream Kyoo's route table under its base ({@code /video}), beside the v3 routes: fMP4
 * renditions by video track and quality, audio by track and quality; info, subtitles,
 * attachments and thumbnails answered as on the v3 table.
 */
final class KyooTable {
    private KyooTable() {}

    static void register(RoutingHandler routes, String base, SafeRoot root, MediaSource media, Players tracker,
                         BackgroundExtraction extraction, AnswerWriter writer) {
        Function<Route, HttpHandler> h = route -> new RouteHandler(route, writer);
        HttpHandler direct = h.apply(new DirectRoute(root));
        for (String path : new String[] {"/{path}/direct", "/{path}/direct/{identifier}"}) {
            routes.get(base + path, direct);
            routes.add(Methods.HEAD, base + path, direct);
        }
        routes.get(base + "/streams", h.apply(new StreamsRoute(media, tracker)));
        routes.get(base + "/{path}/prepare", h.apply(new PrepareRoute(root, media, extraction)));
        routes.get(base + "/{path}/master.m3u8", h.apply(new KyooMasterRoute(root, media, tracker)));
        routes.get(base + "/{path}/{video}/{quality}/index.m3u8", h.apply(new KyooIndexRoute(root, media, tracker, false)));
        routes.get(base + "/{path}/audio/{audio}/{quality}/index.m3u8", h.apply(new KyooIndexRoute(root, media, tracker, true)));
        routes.get(base + "/{path}/{video}/{quality}/{chunk}", h.apply(new KyooChunkRoute(root, media, tracker, false)));
        routes.get(base + "/{path}/audio/{audio}/{quality}/{chunk}", h.apply(new KyooChunkRoute(root, media, tracker, true)));
        routes.get(base + "/{path}/info", h.apply(new InfoRoute(root, media, extraction)));
        routes.get(base + "/{path}/thumbnails.png", h.apply(new SpriteRoute(root, media, extraction, false)));
        routes.get(base + "/{path}/thumbnails.vtt", h.apply(new SpriteRoute(root, media, extraction, true)));
        routes.get(base + "/{path}/attachment/{name}", h.apply(new ExtractedFileRoute(root, media, extraction)));
        routes.get(base + "/{path}/subtitle/{name}", h.apply(new SubtitleRoute(root, media, extraction)));
    }
}
