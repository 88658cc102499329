package org.kyoo.transcoder.server.auth;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.kyoo.transcoder.server.http.AnswerWriter;
import org.kyoo.transcoder.server.http.HttpError;

/**
 * Lets a request through only with a valid bearer token ({@link TokenVerifier}); otherwise answers
 * 401/403 JSON before any route runs, so a refused request starts nothing.
 */
public final class AccessControl implements HttpHandler {
    private final HttpHandler next;
    private final TokenVerifier verifier;
    private final AnswerWriter writer;

    public AccessControl(HttpHandler next, TokenVerifier verifier, AnswerWriter writer) {
        this.next = next;
        this.verifier = verifier;
        this.writer = writer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            // the first check (and a key rotation) fetches the JWKS over the network
            exchange.dispatch(this);
            return;
        }
        try {
            verifier.verify(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        } catch (HttpError refused) {
            if (refused.status() == 401) exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
            writer.json(exchange, refused.status(), java.util.Map.of("errors", java.util.List.of(refused.getMessage())));
            return;
        }
        next.handleRequest(exchange);
    }
}
