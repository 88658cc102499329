package org.kyoo.transcoder.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.ETag;
import io.undertow.util.ETagUtils;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Writes answers and errors; errors always as {@code {"errors": [message]}}. */
public final class AnswerWriter {
    private static final System.Logger LOG = System.getLogger(AnswerWriter.class.getName());

    private final ObjectMapper json;
    private final FileSender files;

    public AnswerWriter(ObjectMapper json) {
        this.json = json;
        this.files = new FileSender(this);
    }

    public void write(HttpServerExchange exchange, Answer answer) throws Exception {
        if (answer instanceof Answer.Text text) {
            ETag etag = ETags.ofText(text.body());
            exchange.getResponseHeaders().put(Headers.ETAG, etag.toString());
            if (text.cacheControl() != null) exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, text.cacheControl());
            if (!ETagUtils.handleIfNoneMatch(exchange, etag, true)) {
                // the player has this very body: no need to send it again
                exchange.setStatusCode(304);
                exchange.endExchange();
                return;
            }
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, text.contentType());
            exchange.getResponseSender().send(text.body(), StandardCharsets.UTF_8);
        } else if (answer instanceof Answer.Json value) {
            sendJson(exchange, 200, value.value());
        } else if (answer instanceof Answer.File file) {
            files.send(exchange, file);
        } else if (answer instanceof Answer.Kept kept) {
            files.send(exchange, kept);
        } else if (answer instanceof Answer.Later later) {
            resumeWhenDone(exchange, later);
        } else {
            throw new IllegalArgumentException("unknown answer " + answer);
        }
    }

    /**
     * Leaves the exchange open with no thread attached; when the future completes, the answer is
     * written from the connection's I/O thread. This is what lets hundreds of players wait on
     * segments that are not made yet without starving the worker pool.
     */
    private void resumeWhenDone(HttpServerExchange exchange, Answer.Later later) {
        // a backstop for anything the engine does not bound itself (extraction, sprites), so no
        // exchange stays open forever; segments time out earlier, in the engine (SPEC's 60 s)
        CompletableFuture<? extends Answer> bounded = later.answer().copy().orTimeout(LATER_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        // a player that hangs up waits no more: the answer is cancelled, and with it (for segments)
        // the engine's wait, so a head nobody waits on any more may pause or stop
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
            HangUpWatch.start(exchange, () -> later.answer().cancel(false));
            bounded.whenComplete((answer, error) ->
                exchange.getIoThread().execute(() -> Connectors.executeRootHandler(resumed -> {
                    HangUpWatch.stop(resumed);
                    if (!resumed.getConnection().isOpen()) {
                        // nobody to answer: 499 (nginx's "client closed request") so the meters
                        // do not count an abandoned wait as a segment served
                        resumed.setStatusCode(499);
                        resumed.endExchange();
                        return;
                    }
                    if (error != null) {
                        error(resumed, error);
                        return;
                    }
                    try {
                        write(resumed, answer);
                    } catch (Throwable t) {
                        // answered in JSON and logged here, not as Undertow's bare 500
                        error(resumed, t);
                    }
                }, exchange)));
        });
    }

    /** The longest an answer may be waited for. */
    static final Duration LATER_LIMIT = Duration.ofMinutes(5);

    public void error(HttpServerExchange exchange, Throwable error) {
        Failure failure = Failure.of(error);
        if (failure.unexpected()) {
            LOG.log(System.Logger.Level.ERROR, "Failed " + exchange.getRequestMethod() + " " + exchange.getRequestPath(),
                    Failure.unwrap(error));
        }
        if (exchange.isResponseStarted()) {
            // too late for a JSON body: cut the connection so the client sees a broken answer
            org.xnio.IoUtils.safeClose(exchange.getConnection());
            return;
        }
        clearForError(exchange.getResponseHeaders());
        sendJson(exchange, failure.status(), Map.of("errors", List.of(failure.message())));
    }

    /**
     * Drops what was set for the answer that failed (its type, caching, tag), keeping what describes
     * the exchange itself (CORS), so a web player can still read the error.
     */
    private static void clearForError(HeaderMap headers) {
        List<HttpString> names = new java.util.ArrayList<>(headers.getHeaderNames());
        for (HttpString name : names) {
            String lower = name.toString().toLowerCase(java.util.Locale.ROOT);
            // CORS, and the server's own X-Transcoder-* (which instance answered) hold for an error too
            if (!lower.startsWith("access-control-") && !lower.equals("vary") && !lower.startsWith("x-transcoder-")) headers.remove(name);
        }
    }

    /** A JSON body with its status (probes, refusals), written by the server's own handlers. */
    public void json(HttpServerExchange exchange, int status, Object value) {
        sendJson(exchange, status, value);
    }

    private void sendJson(HttpServerExchange exchange, int status, Object value) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }
}
