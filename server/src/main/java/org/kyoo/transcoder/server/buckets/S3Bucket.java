package org.kyoo.transcoder.server.buckets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.kyoo.transcoder.engine.storage.Bucket;
import org.kyoo.transcoder.server.config.ConfigException;
import org.kyoo.transcoder.server.config.ObjectStorage;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 bucket through the AWS SDK's client: on AWS with its defaults, on any other store
 * ({@code AWS_ENDPOINT_URL_S3}) path-style and with checksums only where an operation requires
 * them (many S3-compatible stores refuse the SDK's default trailing checksums). Short timeouts and
 * one retry: a store that does not answer must cost a player little (its {@code TieredStore}
 * then leaves it alone for a while). Every error names the bucket and its endpoint, never a secret.
 */
public final class S3Bucket implements Bucket, AutoCloseable {
    /** A local store answers in milliseconds; past these the bucket is sick, and heads serve instead. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(25);
    /**
     * A read is on a player's request path: it gets one short try (then {@code TieredStore} leaves
     * the bucket alone for a while and a head makes the segment); uploads are in the background.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    /** Another store's region is a formality, but the SDK signs with one. */
    static final String OTHER_STORES_REGION = "us-east-1";

    private final S3Client client;
    private final String bucket;
    private final String where;

    private S3Bucket(S3Client client, String bucket, String where) {
        this.client = client;
        this.bucket = bucket;
        this.where = where;
    }

    public static S3Bucket open(ObjectStorage storage) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT)
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD)
                        .retryStrategy(b -> b.maxAttempts(2)))
                // the SDK's chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, web identity, an instance role
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (storage.endpoint() != null) {
            builder.endpointOverride(storage.endpoint())
                    // MinIO, Garage, Ceph and S3Proxy answer on one host: no bucket-named subdomains
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .region(Region.of(storage.region() != null ? storage.region() : OTHER_STORES_REGION));
        } else if (storage.region() != null) {
            builder.region(Region.of(storage.region()));
        }
        try {
            return new S3Bucket(builder.build(), storage.bucket(), storage.describe());
        } catch (SdkException e) {
            // no region anywhere (AWS), no HTTP client: the configuration, not the store
            throw new ConfigException("Cannot use the " + storage.describe() + ": " + e.getMessage());
        }
    }

    @Override
    public boolean get(String key, Path target) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key).overrideConfiguration(S3Bucket::quick))) {
            copy(in, target);
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw failure("GET", key, e);
        } catch (SdkException e) {
            throw failure("GET", key, e);
        }
    }

    /** One try, bounded by {@link #READ_TIMEOUT}. */
    private static void quick(AwsRequestOverrideConfiguration.Builder request) {
        request.apiCallTimeout(READ_TIMEOUT).apiCallAttemptTimeout(READ_TIMEOUT);
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void put(String key, Path source) throws IOException {
        try {
            client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw failure("PUT", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            client.headObject(b -> b.bucket(bucket).key(key).overrideConfiguration(S3Bucket::quick));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw failure("HEAD", key, e);
        } catch (SdkException e) {
            throw failure("HEAD", key, e);
        }
    }

    /** Why the bucket cannot be used (it does not answer, does not exist, refuses these credentials); null when it can. */
    public String check() {
        try {
            client.headBucket(b -> b.bucket(bucket).overrideConfiguration(S3Bucket::quick));
            return null;
        } catch (SdkException e) {
            return reason(e);
        }
    }

    @Override
    public String describe() {
        return where;
    }

    /** The caller ({@code TieredStore}, {@code Uploads}) says which bucket, what and which key. */
    private static IOException failure(String operation, String key, SdkException e) {
        return new IOException(reason(e), e);
    }

    /** What went wrong in a line: the store's status and code when it answered, else the SDK's reason. */
    static String reason(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String message = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
            return "HTTP " + s3.statusCode() + (code != null ? " " + code : "") + (message != null ? " (" + message + ")" : "");
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) cause = cause.getCause();
        return e.getMessage() + (cause != e ? " [" + cause + "]" : "");
    }

    @Override
    public void close() {
        client.close();
    }
}
