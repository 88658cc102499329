package org.kyoo.transcoder.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's variables: all off by default, refused at start-up when unusable. */
class OperationsTest {
    @Test
    void everythingIsOffByDefault() {
        Operations ops = Operations.fromEnvironment(Map.of());
        assertFalse(ops.accessControl());
        assertEquals(List.of(), ops.corsOrigins());
        assertEquals(Operations.DEFAULT_SHUTDOWN_GRACE, ops.shutdownGrace());
        assertNull(ops.otlpEndpoint());
        assertEquals(0, ops.cacheMaxBytes());
        assertEquals(ops, Operations.defaults());
    }

    @Test
    void valuesAreRead() {
        Operations ops = Operations.fromEnvironment(Map.of(
                "JWKS_URL", "http://auth:4568/.well-known/jwks.json",
                "GOCODER_CORS_ORIGINS", " https://a.example/ ,https://b.example",
                "GOCODER_SHUTDOWN_GRACE", "20",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "GOCODER_CACHE_MAX_SIZE", "50G"));
        assertEquals(URI.create("http://auth:4568/.well-known/jwks.json"), ops.jwksUrl());
        assertEquals(List.of("https://a.example", "https://b.example"), ops.corsOrigins());
        assertEquals(Duration.ofSeconds(20), ops.shutdownGrace());
        assertEquals("http://collector:4318/v1/metrics", ops.otlpEndpoint());
        assertEquals("http://c:4318/custom", Operations.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://x/",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://c:4318/custom")).otlpEndpoint());
        assertEquals(50L << 30, ops.cacheMaxBytes());
    }

    @Test
    void sizesTakeUnits() {
        assertEquals(1000, Operations.size("1000"));
        assertEquals(512L << 20, Operations.size("512M"));
        assertEquals(3L << 40, Operations.size("3tb"));
        assertEquals(2L << 10, Operations.size("2 K"));
    }

    @Test
    void unusableValuesStopStartUp() {
        assertThrows(ConfigException.class, () -> Operations.fromEnvironment(Map.of("JWKS_URL", "not a url")));
        assertThrows(ConfigException.class, () -> Operations.fromEnvironment(Map.of("GOCODER_SHUTDOWN_GRACE", "-1")));
        assertThrows(ConfigException.class, () -> Operations.fromEnvironment(Map.of("GOCODER_CACHE_MAX_SIZE", "lots")));
    }
}
