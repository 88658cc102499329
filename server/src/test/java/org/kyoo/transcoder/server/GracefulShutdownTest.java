package org.kyoo.transcoder.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping refuses new requests in JSON at once, yet lets a player waiting on a segment get it. */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void answersInFlightFinishWhileNewRequestsAreRefused() throws Exception {
        FakeServer s = new FakeServer(dir, Map.of("GOCODER_SHUTDOWN_GRACE", "60"));
        CompletableFuture<Void> closing = null;
        try {
            CompletableFuture<HttpResponse<String>> waiting = s.http.getAsync(s.m + "/720p/segment-2.ts", "player");
            for (int i = 0; i < 600 && s.movieStream.pending() == 0; i++) Thread.sleep(10);
            assertEquals(1, s.movieStream.pending(), "the segment is being waited for");

            closing = CompletableFuture.runAsync(() -> {
                try {
                    s.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpResponse<String> refused = null;
            for (int i = 0; i < 600 && (refused == null || refused.statusCode() != 503); i++) {
                refused = fresh(s).get("/health", null);
                Thread.sleep(10);
            }
            assertEquals(503, refused.statusCode());
            assertEquals("application/json", refused.headers().firstValue("Content-Type").orElse(null));
            assertTrue(refused.body().contains("shutting down"), refused.body());

            s.movieStream.makeReady("720p/2");
            HttpResponse<String> answered = waiting.get(30, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertTrue(answered.body().startsWith("720p/2:"));
            closing.get(30, TimeUnit.SECONDS);
        } finally {
            if (closing == null) s.close();
        }
    }

    /** A new connection each time: the refusal closes its own. */
    private static Http fresh(FakeServer s) throws IOException {
        return new Http(s.server.port());
    }
}
