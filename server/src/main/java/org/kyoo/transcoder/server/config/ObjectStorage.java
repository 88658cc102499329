package org.kyoo.transcoder.server.config;

import java.net.URI;
import java.util.Map;

/**
 * Where instances share what they make, with upstream Kyoo's and the AWS SDK's variables:
 * {@code S3_BUCKET_NAME} turns it on; {@code AWS_ENDPOINT_URL_S3} (else {@code AWS_ENDPOINT_URL})
 * names a store that is not AWS (MinIO, Garage, Ceph, S3Proxy…), addressed path-style;
 * {@code AWS_REGION} (else {@code AWS_DEFAULT_REGION}). Credentials are never read here: the SDK's
 * own chain finds them ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, a profile, a role).
 *
 * @param bucket   null: no object storage, one instance with its own folders
 * @param endpoint null: AWS itself
 * @param region   null: the SDK's default chain decides (AWS), {@code us-east-1} for another store
 */
public record ObjectStorage(String bucket, URI endpoint, String region) {
    public static final ObjectStorage NONE = new ObjectStorage(null, null, null);

    public static ObjectStorage fromEnvironment(Map<String, String> env) {
        String bucket = value(env, "S3_BUCKET_NAME");
        if (bucket == null) return NONE;
        String endpoint = value(env, "AWS_ENDPOINT_URL_S3");
        if (endpoint == null) endpoint = value(env, "AWS_ENDPOINT_URL");
        String region = value(env, "AWS_REGION");
        if (region == null) region = value(env, "AWS_DEFAULT_REGION");
        return new ObjectStorage(bucket, endpoint == null ? null : uri(endpoint), region);
    }

    public boolean enabled() {
        return bucket != null;
    }

    /** Which bucket where, for logs and errors: never a credential. */
    public String describe() {
        if (!enabled()) return "none";
        return "S3 bucket " + bucket + " at " + (endpoint != null ? shown(endpoint) : "AWS" + (region != null ? " " + region : ""));
    }

    /** An endpoint as logs, /ready and /metrics show it: scheme, host, port and path, never a user:password or a query. */
    static String shown(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() >= 0 ? ":" + endpoint.getPort() : "")
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath());
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) return uri;
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        // the value itself is not echoed: it may hold a user:password
        throw new ConfigException("AWS_ENDPOINT_URL_S3 must be an http(s) URL with a host.");
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
