package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;

/** Closing the server stops the encoder heads it left running. */
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void closingTheServerStopsEveryHead() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        Path many = Files.copy(TestMedia.manySegments().path(), root.resolve("many.mkv"));
        TranscoderServer server = TranscoderServer.start(config);
        try {
            Http http = new Http(server.port());
            // a 720p head goes on past the segment asked for, up to 100 segments
            assertEquals(200, http.bytes(Http.file(many) + "/720p/segment-0.ts", "viewer").statusCode());
            List<String> first = cacheFiles(config.cacheRoot());
            for (int i = 0; i < 600 && cacheFiles(config.cacheRoot()).equals(first); i++) Thread.sleep(100);
            assertNotEquals(first, cacheFiles(config.cacheRoot()), "a head is still making segments");
        } finally {
            server.close();
        }
        Thread.sleep(2000);
        List<String> before = cacheFiles(config.cacheRoot());
        Thread.sleep(3000);
        List<String> written = new ArrayList<>(cacheFiles(config.cacheRoot()));
        written.removeAll(before);
        assertEquals(List.of(), written, "nothing is written once the server is closed");
    }

    private static List<String> cacheFiles(Path cache) throws IOException {
        return CacheFiles.of(cache);
    }
}
