package org.kyoo.transcoder.server.cors;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.List;

/**
 * Cross-origin access for web players served from another origin: only the configured origins (none
 * by default, "*" for any), preflights answered here (before access control: browsers send them
 * without the token), and the headers a player sends allowed: {@code Range}, the client id, the token.
 */
public final class Cors implements HttpHandler {
    static final String ALLOWED_HEADERS = "Authorization, Range, X-CLIENT-ID, If-None-Match, If-Range";
    /** What a player may read of an answer beyond the simple headers. */
    static final String EXPOSED_HEADERS = "Content-Length, Content-Range, Accept-Ranges, ETag";
    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    /** How long a browser may reuse a preflight's answer. */
    static final String MAX_AGE = "600";

    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString PREFLIGHT_MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");

    private final HttpHandler next;
    private final List<String> origins;

    public Cors(HttpHandler next, List<String> origins) {
        this.next = next;
        this.origins = List.copyOf(origins);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null || !allowed(origin)) {
            next.handleRequest(exchange);
            return;
        }
        HeaderMap answer = exchange.getResponseHeaders();
        answer.put(ALLOW_ORIGIN, origins.contains("*") ? "*" : origin);
        answer.add(Headers.VARY, "Origin");
        boolean preflight = exchange.getRequestMethod().equals(Methods.OPTIONS)
                && exchange.getRequestHeaders().contains(REQUEST_METHOD);
        if (preflight) {
            answer.put(ALLOW_METHODS, ALLOWED_METHODS);
            answer.put(ALLOW_HEADERS, ALLOWED_HEADERS);
            answer.put(PREFLIGHT_MAX_AGE, MAX_AGE);
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        answer.put(EXPOSE_HEADERS, EXPOSED_HEADERS);
        next.handleRequest(exchange);
    }

    private boolean allowed(String origin) {
        return origins.contains("*") || origins.contains(origin);
    }
}
