package org.kyoo.transcoder.server.realmedia;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.server.config.Config;

/**
 * One server per test class, on a free port with its folders in the class's temporary folder:
 * files copied under {@link #root} are reached over {@link #http} as a player would reach them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealServerTest {
    @TempDir
    static Path dir;
    TranscoderServer server;
    Http http;
    Path root;

    @BeforeAll
    void startServer() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        root = Files.createDirectories(config.safeRoot());
        server = TranscoderServer.start(config, new MutableClock());
        http = new Http(server.port());
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) server.close();
    }
}
