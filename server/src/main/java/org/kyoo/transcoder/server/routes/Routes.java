package org.kyoo.transcoder.server.routes;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Methods;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.server.config.KyooBase;
import org.kyoo.transcoder.server.http.AnswerWriter;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.http.RouteHandler;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** The route table (SPEC "Routes"): every route a GET, {@code /direct} a HEAD too. */
public final class Routes {
    private Routes() {}

    public static HttpHandler of(SafeRoot root, MediaSource media, Players tracker,
                                 BackgroundExtraction extraction, AnswerWriter writer) {
        return of(root, media, tracker, extraction, writer, KyooBase.DEFAULT);
    }

    /**
     * The v3 table, and upstream Kyoo's newer one under {@code kyooBase} (e.g. {@code /video}).
     */
    public static HttpHandler of(SafeRoot root, MediaSource media, Players tracker,
                                 BackgroundExtraction extraction, AnswerWriter writer, String kyooBase) {
        // template parameters stay out of the query map, where a client's ?path= could shadow them
        RoutingHandler routes = Handlers.routing(false);
        HttpHandler direct = handler(new DirectRoute(root), writer);
        routes.get("/{path}/direct", direct);
        routes.add(Methods.HEAD, "/{path}/direct", direct);
        routes.get("/{path}/master.m3u8", handler(new MasterPlaylistRoute(root, media, tracker), writer));
        routes.get("/{path}/{quality}/index.m3u8", handler(new VideoPlaylistRoute(root, media, tracker), writer));
        routes.get("/{path}/audio/{audio}/index.m3u8", handler(new AudioPlaylistRoute(root, media, tracker), writer));
        routes.get("/{path}/{quality}/{segment}", handler(new VideoSegmentRoute(root, media, tracker), writer));
        routes.get("/{path}/audio/{audio}/{segment}", handler(new AudioSegmentRoute(root, media, tracker), writer));
        routes.get("/{path}/info", handler(new InfoRoute(root, media, extraction), writer));
        routes.get("/{path}/prepare", handler(new PrepareRoute(root, media, extraction), writer));
        routes.get("/{path}/thumbnails.png", handler(new SpriteRoute(root, media, extraction, false), writer));
        routes.get("/{path}/thumbnails.vtt", handler(new SpriteRoute(root, media, extraction, true), writer));
        routes.get("/{path}/attachment/{name}",
                handler(new ExtractedFileRoute(root, media, extraction), writer));
        routes.get("/{path}/subtitle/{name}",
                handler(new SubtitleRoute(root, media, extraction), writer));
        routes.get("/{path}/subtitles/{index}/index.m3u8",
                handler(new SubtitleRenditionRoute(root, media, extraction, true), writer));
        routes.get("/{path}/subtitles/{index}/{segment}",
                handler(new SubtitleRenditionRoute(root, media, extraction, false), writer));
        KyooTable.register(routes, kyooBase, root, media, tracker, extraction, writer);
        routes.setFallbackHandler(exchange -> writer.error(exchange, HttpError.notFound("No such route.")));
        routes.setInvalidMethodHandler(exchange -> writer.error(exchange, new HttpError(405, "Method not allowed.")));
        return routes;
    }

    private static HttpHandler handler(Route route, AnswerWriter writer) {
        return new RouteHandler(route, writer);
    }
}
