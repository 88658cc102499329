package org.kyoo.transcoder.server.health;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.kyoo.transcoder.server.http.AnswerWriter;

/**
 * {@code /health}: the process serves HTTP (liveness). {@code /ready}: every {@link ReadinessCheck}
 * passes and the server is not shutting down (readiness); 503 with what is wrong otherwise. Both
 * JSON, neither behind access control, so an orchestrator can probe them.
 */
public final class Probes {
    private final List<ReadinessCheck> checks;
    private final BooleanSupplier stopping;
    private final AnswerWriter writer;

    public Probes(List<ReadinessCheck> checks, BooleanSupplier stopping, AnswerWriter writer) {
        this.checks = List.copyOf(checks);
        this.stopping = stopping;
        this.writer = writer;
    }

    public HttpHandler health() {
        return exchange -> writer.json(exchange, 200, Map.of("status", "healthy"));
    }

    public HttpHandler ready() {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    // checks stat folders: not on an I/O thread
                    exchange.dispatch(this);
                    return;
                }
                Map<String, String> results = new LinkedHashMap<>();
                boolean ready = !stopping.getAsBoolean();
                if (!ready) results.put("server", "shutting down");
                for (ReadinessCheck check : checks) {
                    String problem = check.run();
                    results.put(check.name(), problem == null ? "ok" : check.required() ? problem : "degraded: " + problem);
                    ready &= problem == null || !check.required();
                }
                writer.json(exchange, ready ? 200 : 503, Map.of("status", ready ? "ready" : "unready", "checks", results));
            }
        };
    }
}
