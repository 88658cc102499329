package org.kyoo.transcoder.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Undertow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.hardware.HardwareProfileException;
import org.kyoo.transcoder.engine.hardware.HardwareProfiles;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.MediaInfoStore;
import org.kyoo.transcoder.engine.segments.Transcoder;
import org.kyoo.transcoder.server.clients.ClientTracker;
import org.kyoo.transcoder.server.clients.StreamControl;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.config.ConfigException;
import org.kyoo.transcoder.server.config.Folders;
import org.kyoo.transcoder.server.http.AnswerWriter;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.EngineExtraction;
import org.kyoo.transcoder.server.media.EngineMedia;
import org.kyoo.transcoder.server.media.MediaSource;
import org.kyoo.transcoder.server.media.OncePerFile;
import org.kyoo.transcoder.server.paths.SafeRoot;
import org.kyoo.transcoder.server.routes.Routes;

/** The running server: Undertow on the configured port over the engine, plus the tracker's sweeps. */
public final class TranscoderServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TranscoderServer.class.getName());
    /** How often silent clients and unused caches are looked for; their limits are hours. */
    private static final long SWEEP_MINUTES = 1;

    /** What the server runs over: the engine in production, fakes in tests. */
    public record Engine(MediaSource media, StreamControl streams, AutoCloseable resources) {}

    private final Undertow undertow;
    private final ClientTracker tracker;
    private final ScheduledExecutorService sweeper;
    private final AutoCloseable engineResources;

    private TranscoderServer(Undertow undertow, ClientTracker tracker, ScheduledExecutorService sweeper,
                             AutoCloseable engineResources) {
        this.undertow = undertow;
        this.tracker = tracker;
        this.sweeper = sweeper;
        this.engineResources = engineResources;
    }

    /** The production server: folders prepared, cache emptied, libav loaded, the real engine. */
    public static TranscoderServer start(Config config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** The production server with the tracker on {@code clock} (tests move it to make clients go silent). */
    public static TranscoderServer start(Config config, Clock clock) throws IOException {
        Folders.prepare(config);
        Av.load();
        HardwareProfile hardware = openHardware(config);
        EngineSettings settings = config.engineSettings(hardware);
        MediaInfoStore infos = new MediaInfoStore(settings);
        Transcoder transcoder = new Transcoder(settings, infos, new KeyframeStore(settings));
        EngineMedia engine = new EngineMedia(infos, transcoder);
        AutoCloseable resources = () -> {
            // heads first: they hold native contexts the hardware device backs
            try (hardware; transcoder) {
                LOG.log(System.Logger.Level.INFO, "Stopping every encoder head");
            }
        };
        return start(config, new Engine(engine, engine, resources), clock, new EngineExtraction(settings));
    }

    /** The configured profile with its device open; a device that does not open stops start-up. */
    private static HardwareProfile openHardware(Config config) {
        try {
            return HardwareProfiles.open(config.hwaccel(), Map.of(
                    HardwareProfiles.VAAPI_RENDERER, config.vaapiRenderer(),
                    HardwareProfiles.QSV_RENDERER, config.qsvRenderer()));
        } catch (HardwareProfileException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** A server over any engine, clock and extraction: what tests start. */
    public static TranscoderServer start(Config config, Engine engine, Clock clock, BackgroundExtraction extraction)
            throws IOException {
        SafeRoot root = new SafeRoot(config.safeRoot());
        ClientTracker tracker = new ClientTracker(engine.streams(), clock);
        AnswerWriter writer = new AnswerWriter(new ObjectMapper());
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.port(), "0.0.0.0")
                .setHandler(Routes.of(root, engine.media(), tracker, new OncePerFile(extraction),
                        config.metadataRoot(), writer))
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
        TranscoderServer server = new TranscoderServer(undertow, tracker, sweeper, engine.resources());
        LOG.log(System.Logger.Level.INFO, "Listening on http://0.0.0.0:" + server.port() + " serving files under "
                + root.root() + " (cache " + config.cacheRoot() + ", metadata " + config.metadataRoot()
                + ", hwaccel " + config.hwaccel() + ")");
        return server;
    }

    /** The port actually bound (the configured one, or the free one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    public ClientTracker tracker() {
        return tracker;
    }

    /** Stops accepting requests, then every head, then frees native memory. */
    @Override
    public void close() throws Exception {
        sweeper.shutdownNow();
        undertow.stop();
        engineResources.close();
    }
}
