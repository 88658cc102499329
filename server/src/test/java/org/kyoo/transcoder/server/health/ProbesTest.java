package org.kyoo.transcoder.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.server.FakeServer;

/** {@code /health} says the process serves; {@code /ready} says whether it can serve players, and why not. */
class ProbesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void healthAnswersJson() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            HttpResponse<String> health = s.http.get("/health", null);
            assertEquals(200, health.statusCode());
            assertEquals("application/json", health.headers().firstValue("Content-Type").orElse(null));
            assertEquals("healthy", JSON.readTree(health.body()).get("status").asText());
        }
    }

    @Test
    void readyListsEveryCheckAndTurns503WhenOneFails() throws Exception {
        AtomicReference<String> device = new AtomicReference<>();
        List<ReadinessCheck> checks = List.of(
                ReadinessChecks.writable("cache", dir.resolve("cache")),
                new ReadinessCheck("hardware", device::get));
        try (FakeServer s = new FakeServer(dir, Map.of(), checks)) {
            HttpResponse<String> ready = s.http.get("/ready", null);
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode body = JSON.readTree(ready.body());
            assertEquals("ready", body.get("status").asText());
            assertEquals("ok", body.get("checks").get("cache").asText());
            assertEquals("ok", body.get("checks").get("hardware").asText());

            device.set("the VAAPI device is gone");
            HttpResponse<String> unready = s.http.get("/ready", null);
            assertEquals(503, unready.statusCode());
            JsonNode why = JSON.readTree(unready.body());
            assertEquals("unready", why.get("status").asText());
            assertEquals("the VAAPI device is gone", why.get("checks").get("hardware").asText());
        }
    }

    @Test
    void aFolderThatIsNotThereIsNotReady() {
        assertEquals(dir.resolve("missing") + " is not a folder",
                ReadinessChecks.writable("cache", dir.resolve("missing")).run());
    }

    @Test
    void probesNeedNoTokenWhenAccessControlIsOn() throws Exception {
        // nothing listens there: a probe that asked for keys would fail
        try (FakeServer s = new FakeServer(dir, Map.of("JWKS_URL", "http://127.0.0.1:9/jwks.json"))) {
            assertEquals(200, s.http.get("/health", null).statusCode());
            assertEquals(200, s.http.get("/ready", null).statusCode());
            assertEquals(200, s.http.get("/metrics", null).statusCode());
        }
    }
}
