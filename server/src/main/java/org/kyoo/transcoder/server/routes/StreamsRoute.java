package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kyoo.transcoder.engine.scheduling.ClientPosition;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.server.config.Instance;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.media.MediaSource;

/**
 * Upstream's {@code /video/streams}: the heads running now and the players the tracker knows, as
 * JSON, with which instance answered and the files it streams (behind a proxy: the ones it owns).
 */
final class StreamsRoute implements Route {
    private final MediaSource media;
    private final Players tracker;

    StreamsRoute(MediaSource media, Players tracker) {
        this.media = media;
        this.tracker = tracker;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        List<Map<String, Object>> players = new ArrayList<>();
        for (ClientPosition c : tracker.clients()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("client", c.client());
            p.put("path", c.file().toString());
            p.put("video", c.video() == null ? null : c.video().toString());
            p.put("audio", c.audio() < 0 ? null : c.audio());
            p.put("segment", c.segment() < 0 ? null : c.segment());
            players.add(p);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        // the name the server put on this answer: which instance of several this is
        body.put("instance", exchange.getResponseHeaders().getFirst(Instance.HEADER));
        body.put("files", media.openFiles().stream().map(Object::toString).toList());
        body.put("heads", media.runningHeads());
        body.put("players", players);
        // the intro and credits identifications under way (upstream logs them only)
        body.put("identifications", media.identifications());
        return new Answer.Json(body);
    }
}
