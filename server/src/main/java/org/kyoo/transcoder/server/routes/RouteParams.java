package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyoo.transcoder.server.http.HttpError;
import org.kyoo.transcoder.server.playlists.LinkQuery;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.streams.Rendition;

/** The route template's parameters, parsed and validated, each failure a 400 saying what was wrong. */
final class RouteParams {
    private static final Pattern SEGMENT = Pattern.compile("segment-(-?\\d{1,10})\\.ts");

    private RouteParams() {}

    static String raw(HttpServerExchange exchange, String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        if (value == null) throw HttpError.badRequest("Missing parameter " + name + ".");
        return value;
    }

    /** The query the request came with, for the URIs its answer writes. */
    static LinkQuery links(HttpServerExchange exchange) {
        return new LinkQuery(exchange.getQueryString());
    }

    /** The original table's {@code :quality}: {@code original} (the first video track copied) or a quality such as {@code 720p}. */
    static Rendition quality(HttpServerExchange exchange) {
        String label = raw(exchange, "quality");
        if (Quality.ORIGINAL.equals(label)) return Rendition.tsVideo(null);
        return Rendition.tsVideo(Quality.fromLabel(label)
                .orElseThrow(() -> HttpError.badRequest("Invalid quality " + label + ".")));
    }

    static int audio(HttpServerExchange exchange) {
        String value = raw(exchange, "audio");
        try {
            int audio = Integer.parseInt(value);
            if (audio < 0) throw HttpError.badRequest("Invalid audio track " + value + ".");
            return audio;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Invalid audio track " + value + ".");
        }
    }

    /** {@code segment-N.ts}; N is range-checked against the file by the route. */
    static int segment(HttpServerExchange exchange) {
        String value = raw(exchange, "segment");
        Matcher m = SEGMENT.matcher(value);
        if (!m.matches()) throw HttpError.badRequest("Could not parse segment " + value + ".");
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("Could not parse segment " + value + ".");
        }
    }
}
