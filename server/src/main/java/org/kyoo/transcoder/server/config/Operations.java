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
 * @param otlpEndpoint  the URL metrics are pushed to over OTLP/HTTP ({@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT}, else
 *                      {@code OTEL_EXPORTER_OTLP_ENDPOINT}'s {@code /v1/metrics}); null: not pushed
 * @param cacheMaxBytes {@code GOCODER_CACHE_MAX_SIZE}: the segment cache's bound (bytes, or with K/M/G/T); 0: unbounded
 */
public record Operations(URI jwksUrl, List<String> corsOrigins, Duration shutdownGrace, String otlpEndpoint,
                         long cacheMaxBytes) {
    /** Under Docker's default stop timeout (10 s), after which it kills the process outright. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(8);
    /** The permission a token must hold to play, as upstream's transcoder asks. */
    public static final String PLAY_PERMISSION = "core.play";

    public static Operations fromEnvironment(Map<String, String> env) {
        return new Operations(jwks(env.get("JWKS_URL")), origins(env.get("GOCODER_CORS_ORIGINS")),
                grace(env.get("GOCODER_SHUTDOWN_GRACE")), otlp(env), size(env.get("GOCODER_CACHE_MAX_SIZE")));
    }

    public static Operations defaults() {
        return new Operations(null, List.of(), DEFAULT_SHUTDOWN_GRACE, null, 0);
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

    static long size(String value) {
        if (value == null || value.isBlank()) return 0;
        String v = value.trim().toUpperCase(java.util.Locale.ROOT);
        if (v.endsWith("B")) v = v.substring(0, v.length() - 1);
        long unit = 1;
        int power = "KMGT".indexOf(v.isEmpty() ? ' ' : v.charAt(v.length() - 1));
        if (power >= 0) {
            unit = 1L << (10 * (power + 1));
            v = v.substring(0, v.length() - 1).trim();
        }
        try {
            long amount = Long.parseLong(v);
            if (amount >= 0 && amount <= Long.MAX_VALUE / unit) return amount * unit;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException("GOCODER_CACHE_MAX_SIZE must be a size such as 50G or 500M, not \"" + value + "\".");
    }

    /** The URL metrics are pushed to: the metrics endpoint as given, else the general one's {@code /v1/metrics}. */
    private static String otlp(Map<String, String> env) {
        String metrics = env.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (metrics != null && !metrics.isBlank()) return metrics.trim();
        String base = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base == null || base.isBlank()) return null;
        base = base.trim();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return base + "/v1/metrics";
    }
}
