package org.kyoo.transcoder.server.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Runs a {@link Route} off the I/O thread and writes what it answers, or the error it threw. */
public final class RouteHandler implements HttpHandler {
    private final Route route;
    private final AnswerWriter writer;

    public RouteHandler(Route route, AnswerWriter writer) {
        this.route = route;
        this.writer = writer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            // routes stat files and may wait on a probe: never on the I/O threads
            exchange.dispatch(this);
            return;
        }
        Answer answer;
        try {
            answer = route.answer(exchange);
        } catch (Throwable error) {
            writer.error(exchange, error);
            return;
        }
        try {
            writer.write(exchange, answer);
        } catch (Throwable error) {
            writer.error(exchange, error);
        }
    }
}
