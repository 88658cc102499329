package org.kyoo.transcoder.server.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.server.FakeServer;

/** Web players on another origin: allowed only for configured origins, preflights answered. */
class CorsTest {
    private static final String PLAYER = "https://kyoo.example.org";

    @TempDir
    Path dir;

    private static HttpRequest preflight(FakeServer s, String origin, String headers) {
        return s.http.request(s.m + "/720p/segment-0.ts", null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", headers)
                .build();
    }

    @Test
    void aConfiguredOriginGetsItsPreflightAnswered() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of("GOCODER_CORS_ORIGINS", "https://other.example, " + PLAYER + "/"))) {
            HttpResponse<byte[]> answer = s.http.send(preflight(s, PLAYER, "range,x-client-id,authorization"));
            assertEquals(204, answer.statusCode());
            assertEquals(PLAYER, answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            String allowed = answer.headers().firstValue("Access-Control-Allow-Headers").orElse("");
            assertTrue(allowed.contains("Range") && allowed.contains("X-CLIENT-ID") && allowed.contains("Authorization"), allowed);
            assertTrue(answer.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));
            assertEquals(0, s.movieStream.pending(), "a preflight starts nothing");

            s.movieStream.makeReady("720p/0");
            HttpResponse<byte[]> segment = s.http.send(s.http.request(s.m + "/720p/segment-0.ts", "player")
                    .header("Origin", PLAYER).build());
            assertEquals(200, segment.statusCode());
            assertEquals(PLAYER, segment.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(segment.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Content-Range"));
        }
    }

    @Test
    void errorsKeepTheirCorsHeadersSoThePlayerCanReadThem() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of("GOCODER_CORS_ORIGINS", PLAYER))) {
            HttpResponse<byte[]> missing = s.http.send(s.http.request(s.m + "/720p/segment-99.ts", "player")
                    .header("Origin", PLAYER).build());
            assertEquals(400, missing.statusCode());
            assertEquals(PLAYER, missing.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        }
    }

    @Test
    void otherOriginsAndTheDefaultGetNoCorsHeaders() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of("GOCODER_CORS_ORIGINS", PLAYER))) {
            HttpResponse<byte[]> stranger = s.http.send(preflight(s, "https://evil.example", "range"));
            assertTrue(stranger.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
        try (FakeServer s = new FakeServer(dir.resolve("default"), Map.of())) {
            HttpResponse<byte[]> any = s.http.send(preflight(s, PLAYER, "range"));
            assertTrue(any.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void aWildcardAllowsAnyOrigin() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of("GOCODER_CORS_ORIGINS", "*"))) {
            HttpResponse<byte[]> answer = s.http.send(preflight(s, "https://anywhere.example", "range"));
            assertEquals(204, answer.statusCode());
            assertEquals("*", answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        }
    }
}
