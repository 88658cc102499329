package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.Main;

/**
 * The server as an orchestrator runs it: its own process, stopped with SIGTERM while a head is
 * mid-segment. It logs its configuration and its heads, and leaves no partial segment behind.
 */
class SigtermTest {
    @TempDir
    Path dir;

    @Test
    void sigtermMidSegmentStopsCleanly() throws Exception {
        Path video = Files.createDirectories(dir.resolve("video"));
        Path cache = dir.resolve("cache");
        Path many = Files.copy(TestMedia.manySegments().path(), video.resolve("many.mkv"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("GOCODER_SAFE_PATH", video.toString());
        builder.environment().put("GOCODER_CACHE_ROOT", cache.toString());
        builder.environment().put("GOCODER_METADATA_ROOT", dir.resolve("metadata").toString());
        builder.environment().put("GOCODER_PORT", Integer.toString(port));
        builder.environment().put("GOCODER_SHUTDOWN_GRACE", "3");
        Process server = builder.start();
        try {
            Http http = new Http(port);
            assertTrue(waitUntil(() -> ready(http)), "the server came up: " + Files.readString(log));
            // a 720p head goes on past the segment asked for: a later segment is mid-encode soon
            CompletableFuture<HttpResponse<String>> first = http.getAsync(Http.file(many) + "/720p/segment-0.ts", "viewer");
            assertTrue(waitUntil(() -> !partial(cache).isEmpty()), "a segment is being written");

            server.destroy(); // SIGTERM
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stopped");
            assertEquals(List.of(), partial(cache), "no partial segment is left");
            first.handle((answer, error) -> null).get(10, TimeUnit.SECONDS);
            String written = Files.readString(log);
            assertTrue(written.contains("Configuration: safe root " + video), written);
            assertTrue(written.contains("Head started: many.mkv 720p"), written);
            // no "Head ended" line is asserted here: java.util.logging's own shutdown hook may have
            // closed its handler by the time the heads stop
        } finally {
            server.destroyForcibly();
        }
    }

    private static boolean ready(Http http) {
        try {
            return http.get("/ready", null).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<Path> partial(Path cache) {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.toString().endsWith(".tmp")).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            // a file went while walking: look again
            return partial(cache);
        }
    }

    /** Polls for up to two minutes: the machine running the tests may be busy. */
    private static boolean waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(100);
        }
        return false;
    }
}
