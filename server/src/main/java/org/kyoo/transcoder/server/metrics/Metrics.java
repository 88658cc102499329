package org.kyoo.transcoder.server.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.server.caching.CacheSize;

/**
 * The server's meters, exposed at {@code /metrics} in Prometheus' text format and pushed over OTLP
 * where its endpoint is set. Owns the registries and the engine listener it adds.
 */
public final class Metrics implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Metrics.class.getName());
    /** Prometheus' text exposition format, what its scraper asks for. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry prometheus;
    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final List<AutoCloseable> owned = new ArrayList<>();
    /** Run before each scrape: meters whose series follow what the engine holds now. */
    private final List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param cacheRoot    whose size on disk is reported
     * @param players      how many players the tracker follows
     * @param heads        every live head with its state (running, queued for a slot, paused)
     * @param otlpEndpoint the URL OTLP/HTTP metrics are pushed to; null: no push
     */
    public Metrics(Path cacheRoot, Supplier<Number> players, Supplier<List<HeadState>> heads, String otlpEndpoint) {
        prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.add(prometheus);
        owned.add(prometheus::close);
        if (otlpEndpoint != null) {
            // the endpoint as configured; OtlpConfig reads the other OTEL_* variables (headers,
            // resource attributes, interval) itself
            OtlpConfig config = new OtlpConfig() {
                @Override
                public String get(String key) {
                    return null;
                }

                @Override
                public String url() {
                    return otlpEndpoint;
                }
            };
            OtlpMeterRegistry otlp = new OtlpMeterRegistry(config, Clock.SYSTEM);
            registry.add(otlp);
            owned.add(otlp::close);
            LOG.log(System.Logger.Level.INFO, "Pushing metrics over OTLP to " + otlpEndpoint);
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        owned.add(gc);
        // what libav holds is outside the JVM's heap: JavaCPP's own counts are the only view of it
        Gauge.builder("javacpp.physical.bytes", Pointer::physicalBytes)
                .description("Resident memory of the process as JavaCPP reads it")
                .baseUnit("bytes").register(registry);
        Gauge.builder("javacpp.total.bytes", Pointer::totalBytes)
                .description("Native memory JavaCPP allocated and tracks")
                .baseUnit("bytes").register(registry);
        Gauge.builder("transcoder.players.tracked", players).description("Players the tracker follows").register(registry);
        Gauge.builder("transcoder.cache.size", () -> CacheSize.of(cacheRoot))
                .description("Bytes of segments in the cache root").baseUnit("bytes").register(registry);
        owned.add(EngineEvents.listen(new EngineMeters(registry)));
        // the scheduler's view: a paused or queued head holds memory but spends no CPU
        for (HeadState.State state : HeadState.State.values()) {
            Gauge.builder("transcoder.heads.scheduled", () -> heads.get().stream().filter(h -> h.state() == state).count())
                    .description("Live heads by scheduling state (running, queued for an encode slot, paused ahead of every player)")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Runs {@code refresh} before each scrape (series that follow the engine's state). */
    public void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** {@code next} with every answer measured (bytes, segments served, their wait, errors). */
    public HttpHandler measure(HttpHandler next) {
        return new HttpMeters(next, registry);
    }

    /** {@code /metrics}: the scrape. */
    public HttpHandler scrape() {
        return exchange -> {
            if (exchange.isInIoThread()) {
                // the cache size walks the disk
                exchange.dispatch(scrape());
                return;
            }
            beforeScrape.forEach(Runnable::run);
            String body = prometheus.scrape();
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
            exchange.getResponseSender().send(body);
        };
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                if (first == null) first = e;
            }
        }
        registry.close();
        if (first != null) throw first;
    }
}
