package org.kyoo.transcoder.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the server is run rather than what it serves: access control, CORS, shutdown, metrics export.
 *
 * @param jwksUrl       {@code JWKS_URL}: where the keys that sign bearer tokens are published; null: no access control
 * @param corsOrigins   {@code GOCODER_CORS_ORIGINS}: origins whose web pages may call the server ("*": any); none by default
 * @param shutdownGrace {@code GOCODER_SHUTDOWN_GRACE}: seconds in-flight answers get to finish on SIGTERM
 * @param otlpEndpoint  {@code OTEL_EXPORTER_OTLP_ENDPOINT}: where metrics are pushed over OTLP; null: not pushed
 */
public record Operations(URI jwksUrl, List<String> corsOrigins, Duration shutdownGrace, String otlpEndpoint) {
    /** Under Docker's default stop timeout (10 s), after which it kills the process outright. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(8);
    /** The permission a token must hold to play, as upstream's transcoder asks. */
    public static final String PLAY_PERMISSION = "core.play";

    public static Operations fromEnvironment(Map<String, String> env) {
        return new Operations(jwks(env.get("JWKS_URL")), origins(env.get("GOCODER_CORS_ORIGINS")),
                grace(env.get("GOCODER_SHUTDOWN_GRACE")), otlp(env));
    }

    public static Operations defaults() {
        return new Operations(null, List.of(), DEFAULT_SHUTDOWN_GRACE, null);
    }

    public boolean accessControl() {
        return jwksUrl != null;
    }

    private static URI jwks(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ConfigException("JWKS_URL must be an http(s) URL, not \"" + value + "\".");
    }

    private static List<String> origins(String value) {
        if (value == null || value.isBlank()) return List.of();
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(o -> !o.isEmpty())
                // browsers send the origin without a trailing slash
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .toList();
    }

    private static Duration grace(String value) {
        if (value == null || value.isBlank()) return DEFAULT_SHUTDOWN_GRACE;
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) return Duration.ofSeconds(seconds);
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("GOCODER_SHUTDOWN_GRACE must be a number of seconds, not \"" + value + "\".");
    }

    private static String otlp(Map<String, String> env) {
        for (String name : List.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT")) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) return value.trim();
        }
        return null;
    }
}
