package org.kyoo.transcoder.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What players see, measured where every answer ends: bytes served, segments served and how long
 * each was waited for, and refusals by status.
 */
final class HttpMeters implements HttpHandler {
    /** A media segment of either table: MPEG-TS ({@code .ts}) or Kyoo's fMP4 ({@code .mp4}). */
    private static final Pattern SEGMENT = Pattern.compile(".*/segment-\\d+\\.(ts|mp4)$");

    private final HttpHandler next;
    private final MeterRegistry registry;
    private final Counter bytes;
    /** By kind, video and audio: registered once, not looked up again for every segment. */
    private final Map<String, Counter> served;
    /** By kind, registered at the first segment of that kind (so none shows before one is served). */
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();
    /** By status: a burst of 503s should not build a meter per answer. */
    private final Map<Integer, Counter> errors = new ConcurrentHashMap<>();

    HttpMeters(HttpHandler next, MeterRegistry registry) {
        this.next = next;
        this.registry = registry;
        this.bytes = Counter.builder("transcoder.http.served")
                .description("Bytes of every answer's body and headers")
                .baseUnit("bytes")
                .register(registry);
        this.served = Map.of("video", served(registry, "video"), "audio", served(registry, "audio"));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((done, nextListener) -> {
            try {
                record(done, System.nanoTime() - start);
            } finally {
                nextListener.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    private void record(HttpServerExchange exchange, long nanos) {
        bytes.increment(exchange.getResponseBytesSent());
        int status = exchange.getStatusCode();
        if (status >= 400) {
            errors.computeIfAbsent(status, s -> Counter.builder("transcoder.http.errors")
                    .description("Answers refused or failed, by status")
                    .tag("status", Integer.toString(s))
                    .register(registry)).increment();
        }
        String path = exchange.getRequestPath();
        if (SEGMENT.matcher(path).matches() && (status == 200 || status == 206 || status == 304)) {
            String kind = path.contains("/audio/") ? "audio" : "video";
            served.get(kind).increment();
            waits.computeIfAbsent(kind, k -> Timer.builder("transcoder.segment.wait")
                            .description("From a segment's request to its answer's end")
                            .tag("kind", k)
                            .publishPercentileHistogram()
                            .register(registry))
                    .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static Counter served(MeterRegistry registry, String kind) {
        return Counter.builder("transcoder.segments.served")
                .description("Segments answered to players")
                .tag("kind", kind)
                .register(registry);
    }
}
