package org.kyoo.transcoder.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.predicate.Predicates;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.encoding.EncodingPolicy;
import org.kyoo.transcoder.engine.events.EngineEvents;
import org.kyoo.transcoder.engine.hardware.HardwareProfiles;
import org.kyoo.transcoder.engine.scheduling.HeadState;
import org.kyoo.transcoder.server.auth.AccessControl;
import org.kyoo.transcoder.server.auth.TokenVerifier;
import org.kyoo.transcoder.server.caching.CacheBound;
import org.kyoo.transcoder.server.caching.PartialFiles;
import org.kyoo.transcoder.engine.scheduling.ClientPosition;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.Ticker;
import org.kyoo.transcoder.engine.scheduling.StreamControl;
import org.kyoo.transcoder.server.buckets.Stores;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.config.Instance;
import org.kyoo.transcoder.server.metrics.ClusterMeters;
import org.kyoo.transcoder.server.config.Operations;
import org.kyoo.transcoder.server.cors.Cors;
import org.kyoo.transcoder.server.health.Probes;
import org.kyoo.transcoder.server.health.ReadinessCheck;
import org.kyoo.transcoder.server.logs.HeadLog;
import org.kyoo.transcoder.server.metrics.Metrics;
import org.kyoo.transcoder.server.http.AnswerWriter;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.OncePerFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.routes.Routes;

/** The running server: Undertow on the configured port over the engine, plus the tracker's sweeps. */
public final class TranscoderServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TranscoderServer.class.getName());
    /** How often silent clients and unused caches are looked for; their limits are hours. */
    private static final long SWEEP_MINUTES = 1;
    /** How often the cache's size is checked against its bound. */
    private static final long BOUND_SECONDS = 10;

    /**
     * What the server runs over: the engine in production, fakes in tests.
     *
     * @param checks what {@code /ready} checks beyond the server's own state
     */
    /**
     * @param players where each player is (the engine's), fed by the routes
     * @param streams what the cache bound stops and deletes
     * @param heads   every live head with its state (running, queued, paused), for the metrics
     */
    public record Engine(MediaSource media, Players players, StreamControl streams, AutoCloseable resources,
                         List<ReadinessCheck> checks, Supplier<List<HeadState>> heads, Stores stores) {
        /** Over fakes: players whose leaving something behind is told to {@code streams}. */
        public Engine(MediaSource media, StreamControl streams, AutoCloseable resources) {
            this(media, streams, resources, List.of());
        }

        public Engine(MediaSource media, StreamControl streams, AutoCloseable resources, List<ReadinessCheck> checks) {
            this(media, new Players(streams, Ticker.SYSTEM, SchedulerSettings.defaults()), streams, resources, checks, List::of,
                    Stores.NONE);
        }
    }

    private final Config config;
    private final Undertow undertow;
    private final GracefulShutdownHandler inFlight;
    private final AtomicBoolean stopping;
    private final Players tracker;
    private final ScheduledExecutorService sweeper;
    private final AutoCloseable engineResources;
    private final Metrics metrics;
    private final AutoCloseable headLog;
    private final Stores stores;

    private TranscoderServer(Config config, Undertow undertow, GracefulShutdownHandler inFlight, AtomicBoolean stopping,
                             Players tracker, ScheduledExecutorService sweeper, AutoCloseable engineResources,
                             Metrics metrics, AutoCloseable headLog, Stores stores) {
        this.config = config;
        this.undertow = undertow;
        this.inFlight = inFlight;
        this.stopping = stopping;
        this.tracker = tracker;
        this.sweeper = sweeper;
        this.engineResources = engineResources;
        this.metrics = metrics;
        this.headLog = headLog;
        this.stores = stores;
    }

    /** The production server: folders prepared, cache emptied, libav loaded, the real engine. */
    public static TranscoderServer start(Config config) throws IOException {
        return start(config, Ticker.SYSTEM);
    }

    /** The production server with players' silences measured on {@code clock} (tests move it ahead). */
    public static TranscoderServer start(Config config, Ticker clock) throws IOException {
        ProductionEngine production = ProductionEngine.start(config, clock);
        return start(config, production.engine(), production.extraction());
    }

    /** A server over any engine and extraction: what tests start. */
    public static TranscoderServer start(Config config, Engine engine, BackgroundExtraction extraction)
            throws IOException {
        SafeRoot root = new SafeRoot(config.safeRoot());
        Players tracker = engine.players();
        AnswerWriter writer = new AnswerWriter(new ObjectMapper());
        Operations ops = config.operations();
        Metrics metrics = new Metrics(config.cacheRoot(), () -> players(tracker), engine.heads(), ops.otlpEndpoint());
        ClusterMeters cluster = new ClusterMeters(metrics.registry(), config.instance(), engine.media()::openFiles);
        metrics.beforeScrape(cluster::refresh);
        engine.stores().health().ifPresent(h -> ClusterMeters.bindStore(metrics.registry(), h, engine.stores()::pendingUploads));
        AtomicBoolean stopping = new AtomicBoolean();
        HttpHandler app = Routes.of(root, engine.media(), tracker, new OncePerFile(extraction), writer,
                config.kyooBase());
        app = gzipPlaylists(app);
        if (ops.accessControl()) {
            app = new AccessControl(app, new TokenVerifier(ops.jwksUrl(), Operations.PLAY_PERMISSION), writer);
        }
        Probes probes = new Probes(engine.checks(), stopping::get, writer);
        // probes and metrics stay outside access control: orchestrators and scrapers hold no token
        HttpHandler open = Handlers.path(app)
                .addExactPath("/health", probes.health())
                .addExactPath("/ready", probes.ready())
                .addExactPath("/metrics", metrics.scrape());
        GracefulShutdownHandler inFlight = Handlers.gracefulShutdown(metrics.measure(new Cors(open, ops.corsOrigins())));
        HttpString instance = new HttpString(Instance.HEADER);
        HttpHandler gate = exchange -> {
            // behind a proxy, which instance answered (errors included)
            exchange.getResponseHeaders().put(instance, config.instance());
            if (stopping.get()) {
                // refused in JSON like every other error; the in-flight count is not raised for it
                exchange.setPersistent(false);
                writer.json(exchange, 503, Map.of("errors", List.of("The server is shutting down; try another.")));
                return;
            }
            inFlight.handleRequest(exchange);
        };
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.port(), "0.0.0.0")
                .setHandler(gate)
                .build();
        undertow.start();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "client-tracker-sweep");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                tracker.sweep();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "Tracker sweep failed", e);
            }
        }, SWEEP_MINUTES, SWEEP_MINUTES, TimeUnit.MINUTES);
        CacheBound bound = new CacheBound(config.cacheRoot(), ops.cacheMaxBytes(), tracker, engine.streams());
        if (ops.cacheMaxBytes() > 0) {
            // often: a few players at 4K fill gigabytes in minutes
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    bound.enforce();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "Cache bound failed", e);
                }
            }, BOUND_SECONDS, BOUND_SECONDS, TimeUnit.SECONDS);
        }
        AutoCloseable headLog = EngineEvents.listen(new HeadLog());
        TranscoderServer server = new TranscoderServer(config, undertow, inFlight, stopping, tracker, sweeper,
                engine.resources(), metrics, headLog, engine.stores());
        LOG.log(System.Logger.Level.INFO, "Listening on http://0.0.0.0:" + server.port() + " serving files under "
                + root.root());
        LOG.log(System.Logger.Level.INFO, describe(config));
        return server;
    }

    /** The configuration in effect, in one line, for whoever reads the log of a misbehaving server. */
    static String describe(Config config) {
        Operations ops = config.operations();
        return "Configuration: safe root " + config.safeRoot() + ", cache " + config.cacheRoot()
                + ", metadata " + config.metadataRoot() + ", route prefix \"" + config.routePrefix() + "\", Kyoo table under " + config.kyooBase()
                + ", hwaccel " + config.hwaccel() + ", preset " + config.preset()
                + ", start-up preset " + (config.startupPreset().isEmpty() ? "off" : config.startupPreset())
                + ", load preset " + Objects.requireNonNullElse(EncodingPolicy.loadPreset(config.loadPreset(), HardwareProfiles.encodesOnDevice(config.hwaccel())), "off")
                + ", HDR tone mapping " + config.toneMapping().curve()
                + ", port " + config.port()
                + ", access control " + (ops.accessControl() ? "JWKS " + ops.jwksUrl() : "off")
                + ", CORS origins " + (ops.corsOrigins().isEmpty() ? "none" : String.join(" ", ops.corsOrigins()))
                + ", shutdown grace " + ops.shutdownGrace().toSeconds() + " s"
                + ", OTLP " + (ops.otlpEndpoint() == null ? "off" : ops.otlpEndpoint())
                + ", cache bound " + (ops.cacheMaxBytes() > 0 ? ops.cacheMaxBytes() + " bytes" : "none")
                + ", instance " + config.instance() + ", shared store " + config.storage().describe()
                + ", video transcoding " + (config.transcodes() ? "on" : "off");
    }

    /** Playlists of long files are large (upstream added compression when VLC choked on them). */
    private static HttpHandler gzipPlaylists(HttpHandler next) {
        return new EncodingHandler(next, new ContentEncodingRepository()
                .addEncodingHandler("gzip", new GzipEncodingProvider(), 50, Predicates.suffixes(".m3u8")));
    }

    private static int players(Players tracker) {
        return (int) tracker.clients().stream().map(ClientPosition::client).distinct().count();
    }

    /** The port actually bound (the configured one, or the free one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Where each player is (the engine's one owner of it). */
    public Players tracker() {
        return tracker;
    }

    public MeterRegistry meters() {
        return metrics.registry();
    }

    /**
     * Graceful stop (SIGTERM): {@code /ready} turns 503 and new requests are refused with 503, while
     * answers in flight (a segment being waited for included) get the configured grace to finish;
     * then the listener closes, every head stops, and the partial segments they leave are removed.
     */
    @Override
    public void close() throws Exception {
        long grace = config.operations().shutdownGrace().toMillis();
        // while players still reach this instance, what only it holds goes up, so whoever the proxy
        // sends them to next finds it rather than encoding it again
        if (!stores.flush(Duration.ofMillis(grace))) {
            LOG.log(System.Logger.Level.WARNING, stores.pendingUploads() + " uploads still pending after " + grace + " ms");
        }
        stopping.set(true);
        // not shutdownNow: an eviction under way must finish waiting for its heads, or they would
        // still run, unseen by the engine's close, when the hardware device they use is freed
        sweeper.shutdown();
        if (!sweeper.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "Cache sweeper still running after 30 s");
        }
        inFlight.shutdown();
        if (!inFlight.awaitShutdown(grace)) {
            LOG.log(System.Logger.Level.WARNING, "Answers still in flight after " + grace + " ms: cut off");
        }
        undertow.stop();
        try (metrics; headLog; stores) {
            engineResources.close();
            // what heads finished during the grace goes up too, briefly: the proxy has moved on
            stores.flush(Duration.ofMillis(Math.min(grace, 5000)));
        } finally {
            PartialFiles.remove(config.cacheRoot());
        }
    }
}
