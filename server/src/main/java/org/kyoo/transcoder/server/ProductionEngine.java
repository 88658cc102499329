package org.kyoo.transcoder.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.chapters.ChapterIdentification;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.hardware.HardwareProfileException;
import org.kyoo.transcoder.engine.hardware.HardwareProfiles;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.scheduling.Ticker;
import org.kyoo.transcoder.engine.streams.Transcoder;
import org.kyoo.transcoder.server.buckets.Stores;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.config.ConfigException;
import org.kyoo.transcoder.server.config.Folders;
import org.kyoo.transcoder.server.config.SchedulingConfig;
import org.kyoo.transcoder.server.health.ReadinessCheck;
import org.kyoo.transcoder.server.health.ReadinessChecks;
import org.kyoo.transcoder.server.media.BackgroundExtraction;
import org.kyoo.transcoder.server.media.EngineExtraction;
import org.kyoo.transcoder.server.media.EngineMedia;

/**
 * The real engine as production runs it: folders prepared, libav loaded, the hardware device open,
 * the stores (a shared bucket behind them when configured), and what {@code /ready} checks.
 */
record ProductionEngine(TranscoderServer.Engine engine, BackgroundExtraction extraction) {
    private static final System.Logger LOG = System.getLogger(ProductionEngine.class.getName());

    static ProductionEngine start(Config config, Ticker clock) throws IOException {
        Folders.prepare(config);
        Av.load();
        HardwareProfile hardware = openHardware(config);
        EngineSettings settings = config.engineSettings(hardware);
        Stores stores = Stores.open(config);
        MediaInfoStore infos = new MediaInfoStore(stores.metadata());
        Transcoder transcoder = new Transcoder(settings, infos, new KeyframeStore(stores.metadata()),
                SchedulingConfig.fromEnvironment(System.getenv()), stores.segments(), clock);
        ChapterIdentification chapters = new ChapterIdentification(infos, stores.metadata());
        EngineMedia media = new EngineMedia(infos, transcoder, chapters);
        AtomicBoolean hardwareOpen = new AtomicBoolean(true);
        AutoCloseable resources = () -> {
            hardwareOpen.set(false);
            // heads first: they hold native contexts the hardware device backs
            try (hardware; transcoder; chapters) {
                LOG.log(System.Logger.Level.INFO, "Stopping every encoder head");
            }
        };
        List<ReadinessCheck> checks = new java.util.ArrayList<>(List.of(
                ReadinessChecks.natives(),
                ReadinessChecks.writable("cache", config.cacheRoot()),
                ReadinessChecks.writable("metadata", config.metadataRoot()),
                // opened once at start-up (start-up stops when it does not open); closed only at shutdown
                new ReadinessCheck("hardware", () -> hardwareOpen.get() ? null : hardware.name() + " is closed")));
        // a failing bucket degrades the instance (it serves from its disk and heads), it does not stop it
        stores.health().ifPresent(h -> checks.add(new ReadinessCheck("store", h::problem, false)));
        TranscoderServer.Engine engine = new TranscoderServer.Engine(media, transcoder.players(), transcoder, resources,
                checks, transcoder::heads, stores);
        return new ProductionEngine(engine, new EngineExtraction(stores.metadata(), config.routePrefix(), settings.toneMapping()));
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
}
