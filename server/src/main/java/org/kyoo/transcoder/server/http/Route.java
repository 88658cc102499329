package org.kyoo.transcoder.server.http;

import io.undertow.server.HttpServerExchange;

/** One route: reads and validates its parameters, calls one engine method, returns one answer. */
@FunctionalInterface
public interface Route {
    /** Runs on a worker thread, so it may block briefly (stat, probe); long waits go in {@link Answer.Later}. */
    Answer answer(HttpServerExchange exchange) throws Exception;
}
