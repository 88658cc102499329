package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.storage.S3ProxyProcess;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.metrics.PrometheusText;

/**
 * Servers sharing a real S3 bucket (S3Proxy, a process of its own): what one makes goes up and
 * another serves it without encoding it; a bucket that refuses the credentials or does not answer
 * leaves playback up and says what is wrong in {@code /ready} and {@code /metrics}, never the
 * secret; a graceful stop uploads what is pending before the server turns unready.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SharedBucketTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    S3ProxyProcess s3;
    Path movie;
    String route;
    String sha;
    final List<TranscoderServer> servers = new java.util.ArrayList<>();

    @BeforeAll
    void startBucket() throws Exception {
        s3 = S3ProxyProcess.start(dir.resolve("s3"), "transcoder");
        Path media = Files.createDirectories(dir.resolve("media"));
        movie = Files.copy(TestMedia.multiTrackMkv().path(), media.resolve("movie.mkv"));
        route = Http.file(movie);
        sha = FileIdentity.sha(movie);
    }

    @AfterAll
    void stopBucket() {
        if (s3 != null) s3.close();
    }

    @AfterEach
    void stopServers() throws Exception {
        for (TranscoderServer server : servers) server.close();
        servers.clear();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** A server named {@code name} with its own folders, on the bucket, with {@code secret} as its credential. */
    private Http server(String name, Map<String, String> storage, String secret) throws Exception {
        Map<String, String> env = new HashMap<>(storage);
        env.put("GOCODER_PORT", "0");
        env.put("GOCODER_INSTANCE", name);
        env.put("GOCODER_SAFE_PATH", movie.getParent().toString());
        env.put("GOCODER_PRESET", "ultrafast");
        env.put("GOCODER_STARTUP_PRESET", "ultrafast");
        // a failing bucket's uploads are not waited for long at the end of a test
        env.put("GOCODER_SHUTDOWN_GRACE", "3");
        // the SDK reads the credentials itself: system properties come first in its chain
        System.setProperty("aws.accessKeyId", S3ProxyProcess.IDENTITY);
        System.setProperty("aws.secretAccessKey", secret);
        TranscoderServer server = TranscoderServer.start(Config.fromEnvironment(env, dir.resolve(name)));
        servers.add(server);
        return new Http(server.port());
    }

    private Map<String, String> bucket() {
        return Map.of("S3_BUCKET_NAME", s3.bucket(), "AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
    }

    private void awaitKeys(List<String> keys) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!s3.keys().containsAll(keys) && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(s3.keys().containsAll(keys), "in the bucket: " + keys + ", there: " + s3.keys());
    }

    @Test
    void whatOneServerMakesGoesUpAndAnotherServesItWithoutEncodingIt() throws Exception {
        Http a = server("a", bucket(), S3ProxyProcess.CREDENTIAL);
        HttpResponse<byte[]> made = a.bytes(route + "/240p/segment-1.ts", "viewer");
        assertEquals(200, made.statusCode());
        assertEquals("a", made.headers().firstValue("X-Transcoder-Instance").orElse(null), "the answer names its instance");
        String segment = StoreKeys.segment(sha, "240p", 1, "ts");
        awaitKeys(List.of(StoreKeys.info(sha), StoreKeys.keyframes(sha, 0), segment));
        JsonNode ready = JSON.readTree(a.get("/ready", null).body());
        assertEquals("ok", ready.path("checks").path("store").asText(), ready.toString());

        Http b = server("b", bucket(), S3ProxyProcess.CREDENTIAL);
        HttpResponse<byte[]> served = b.bytes(route + "/240p/segment-1.ts", "viewer");
        assertEquals(200, served.statusCode());
        assertEquals("b", served.headers().firstValue("X-Transcoder-Instance").orElse(null));
        assertArrayEquals(Files.readAllBytes(s3.file(segment)), served.body(), "the bucket's object, as the first server made it");
        Map<String, Double> metrics = PrometheusText.parse(b.get("/metrics", null).body());
        assertEquals(0.0, PrometheusText.value(metrics, "transcoder_store_uploads_total"), "the second server made nothing");
        assertTrue(PrometheusText.value(metrics, "transcoder_store_fetches_total") >= 3, "info, keyframes and the segment came down");
        assertEquals(1.0, PrometheusText.value(metrics, "transcoder_file_owned{file=\"" + movie + "\"}"));
        JsonNode streams = JSON.readTree(b.get("/video/streams", null).body());
        assertEquals("b", streams.path("instance").asText());
        assertEquals(movie.toString(), streams.path("files").path(0).asText(), streams.toString());
    }

    @Test
    void aBucketRefusingTheCredentialsLeavesPlaybackUpAndSaysSoWithoutTheSecret() throws Exception {
        String secret = "not-the-secret-" + System.nanoTime();
        Http c = server("c", bucket(), secret);
        assertEquals(200, c.bytes(route + "/240p/segment-2.ts", "viewer").statusCode());
        assertDegraded(c, secret);
    }

    @Test
    void aBucketThatDoesNotAnswerLeavesPlaybackUp() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Http d = server("d", Map.of("S3_BUCKET_NAME", "transcoder", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + closed),
                S3ProxyProcess.CREDENTIAL);
        long start = System.nanoTime();
        assertEquals(200, d.bytes(route + "/240p/segment-3.ts", "viewer").statusCode());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15), "served by a head, not after the bucket's timeouts");
        String problem = assertDegraded(d, S3ProxyProcess.CREDENTIAL);
        assertTrue(problem.contains("127.0.0.1:" + closed), problem);
    }

    @Test
    void aBucketTakingNoWritesLeavesPlaybackUpAndServesWhatThisInstanceMade() throws Exception {
        try (S3ProxyProcess full = S3ProxyProcess.startRefusingWrites(dir.resolve("s3-full"), "transcoder")) {
            Http f = server("f", Map.of("S3_BUCKET_NAME", full.bucket(), "AWS_ENDPOINT_URL_S3", full.endpoint().toString()),
                    S3ProxyProcess.CREDENTIAL);
            String path = route + "/240p/segment-5.ts";
            HttpResponse<byte[]> made = f.bytes(path, "viewer");
            assertEquals(200, made.statusCode());
            // every upload (info, keyframes, the segment) is refused: the first refusal marks the bucket down
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (JSON.readTree(f.get("/ready", null).body()).path("checks").path("store").asText().equals("ok")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String problem = assertDegraded(f, S3ProxyProcess.CREDENTIAL);
            assertTrue(problem.contains("upload of"), problem);
            assertTrue(full.keys().isEmpty(), "nothing went up: " + full.keys());
            Map<String, Double> metrics = PrometheusText.parse(f.get("/metrics", null).body());
            assertTrue(PrometheusText.value(metrics, "transcoder_store_upload_failures_total") >= 1, metrics.toString());
            HttpResponse<byte[]> again = f.bytes(path, "viewer");
            assertEquals(200, again.statusCode());
            assertArrayEquals(made.body(), again.body(), "the local copy still serves");
        }
    }

    /** {@code /ready} stays 200 and names the bucket and its endpoint; {@code /metrics} says it is down; no secret anywhere. */
    private String assertDegraded(Http server, String secret) throws Exception {
        HttpResponse<String> ready = server.get("/ready", null);
        assertEquals(200, ready.statusCode(), "a failing bucket does not take the instance out: " + ready.body());
        String problem = JSON.readTree(ready.body()).path("checks").path("store").asText();
        assertTrue(problem.startsWith("degraded: S3 bucket transcoder at http://127.0.0.1:"), problem);
        assertFalse(ready.body().contains(secret), "no secret in /ready");
        String metrics = server.get("/metrics", null).body();
        assertTrue(metrics.contains("transcoder_store_up{bucket=\"S3 bucket transcoder at http://127.0.0.1:"), metrics);
        assertTrue(PrometheusText.parse(metrics).entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("transcoder_store_up{") && e.getValue() == 0.0), "store down in /metrics");
        assertFalse(metrics.contains(secret), "no secret in /metrics");
        return problem;
    }

    @Test
    void aGracefulStopUploadsWhatIsPendingBeforeTurningUnready() throws Exception {
        Http e = server("e", bucket(), S3ProxyProcess.CREDENTIAL);
        assertEquals(200, e.get(route + "/master.m3u8", "viewer").statusCode());
        String segment = StoreKeys.segment(sha, "360p", 4, "ts");
        s3.freeze();
        try {
            // the bucket accepts connections and never answers: the read gives up, a head makes it, its upload hangs
            assertEquals(200, e.bytes(route + "/360p/segment-4.ts", "viewer").statusCode());
            assertFalse(s3.keys().contains(segment));
            TranscoderServer server = servers.remove(0);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    server.close();
                } catch (Exception x) {
                    throw new IllegalStateException(x);
                }
            });
            Thread.sleep(1000);
            HttpResponse<String> whileFlushing = e.get("/ready", null);
            assertEquals(200, whileFlushing.statusCode(), "still ready while its uploads are pending: " + whileFlushing.body());
            assertFalse(stopping.isDone());
            s3.thaw();
            stopping.get(60, TimeUnit.SECONDS);
        } finally {
            s3.thaw();
        }
        awaitKeys(List.of(segment));
    }
}
