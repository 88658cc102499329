package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.storage.S3ProxyProcess;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.players.cluster.HaproxyProcess;
import org.kyoo.transcoder.players.cluster.InstanceProcess;
import org.kyoo.transcoder.server.buckets.S3Bucket;
import org.kyoo.transcoder.server.config.ObjectStorage;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * Several instances, measured as deployed (server processes behind the shipped HAProxy
 * configuration, a bucket on S3Proxy, the 60-s 1080p bench file, 240p and 720p MPEG-TS):
 * <ol>
 *   <li>failover: from {@code kill -9} of the file's owner (a head running) to the first segment
 *       the other instance answers through the proxy, a player asking the next segment again at once;
 *   <li>a segment read from the bucket by an instance that never had it, against the same read
 *       again from its local disk;
 *   <li>the CPU one upload costs (the AWS SDK's PUT of a 720p segment, thread CPU), against the
 *       CPU its encode cost (the instance's, read from /proc);
 *   <li>a never-seen file's first 720p segment on a second instance once the first prepared it
 *       (probe and keyframes; or the segment too), against a cold start on an instance without a bucket.
 * </ol>
 * {@code java -Ds3proxy.jar=benchmarks/target/s3proxy/s3proxy.jar -cp benchmarks/target/benchmarks.jar
 * org.kyoo.transcoder.benchmarks.ClusterBenchmark [rounds]} from the repository root (HAProxy installed).
 */
public final class ClusterBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("cluster-bench");
        Path media = Files.createDirectories(dir.resolve("media"));
        Path source = TestMedia.long1080p(60, 5).path();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            S3ProxyProcess s3 = S3ProxyProcess.start(dir.resolve("s3"), "transcoder");
            open.add(s3);
            Map<String, String> bucket = new HashMap<>(s3.environment());
            bucket.put("GOCODER_PRESET", "fast");
            InstanceProcess a = new InstanceProcess("a", freePort(), dir, media, bucket);
            InstanceProcess b = new InstanceProcess("b", freePort(), dir, media, bucket);
            InstanceProcess alone = new InstanceProcess("alone", freePort(), dir, media, Map.of("GOCODER_PRESET", "fast"));
            open.add(a);
            open.add(b);
            open.add(alone);
            a.start();
            b.start();
            alone.start();
            HaproxyProcess haproxy = HaproxyProcess.start(Path.of("deploy", "haproxy.cfg"), dir, freePort(), List.of(a, b));
            open.add(haproxy);

            List<Double> failover = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                Path movie = Files.copy(source, media.resolve("failover-" + round + ".mkv"));
                awaitIdle(List.of(a, b));
                failover.add(failover(haproxy, route(movie), a, b));
            }
            Path shared = media.resolve("failover-0.mkv");
            InstanceProcess fresh = new InstanceProcess("fresh", freePort(), dir, media, bucket);
            open.add(fresh);
            fresh.start();
            awaitIdle(List.of(a, b, fresh));
            double[] reads = readFromBucketThenDisk(fresh, route(shared));
            double[] upload = uploadCost(s3, a.isAlive() ? a : b, media, source);
            List<double[]> firsts = new ArrayList<>();
            for (int round = 0; round < rounds; round++) firsts.add(firstSegment(media, source, round, a.isAlive() ? a : b, fresh, alone, s3));

            System.out.println();
            System.out.printf(Locale.ROOT, "failover (kill -9 to the first segment from the other instance), s: %s, median %.2f%n",
                    failover, median(failover));
            System.out.printf(Locale.ROOT, "240p segment read from the bucket %.1f ms, from local disk %.1f ms (medians of 10, HTTP to the instance)%n",
                    reads[0], reads[1]);
            System.out.printf(Locale.ROOT, "one upload of a 720p segment (%.0f kB): %.1f ms CPU, %.1f ms wall; its encode: %.0f ms CPU%n",
                    upload[0], upload[1], upload[2], upload[3]);
            for (int i = 0; i < firsts.size(); i++) {
                double[] f = firsts.get(i);
                System.out.printf(Locale.ROOT, "first 720p segment of a never-seen file: cold %.2f s, metadata prepared elsewhere %.2f s,"
                        + " segment made elsewhere %.2f s%n", f[0], f[1], f[2]);
            }
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        }
    }

    /** Seconds from the owner's kill to the next segment answered by the other instance (the dead one restarted after). */
    private static double failover(HaproxyProcess haproxy, String route, InstanceProcess a, InstanceProcess b) throws Exception {
        String player = "failover-" + System.nanoTime();
        String owner = null;
        int n = 0;
        for (; n < 3; n++) owner = instance(get(haproxy.port, route + "/240p/segment-" + n + ".ts", player));
        InstanceProcess dying = owner.equals(a.name) ? a : b;
        // the next one is being made when the owner dies
        CompletableFuture<HttpResponse<InputStream>> pending = HTTP.sendAsync(request(haproxy.port, route + "/240p/segment-" + n + ".ts", player),
                HttpResponse.BodyHandlers.ofInputStream());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!dying.get("/video/streams").body().contains("\"position\"") && System.nanoTime() < deadline) Thread.sleep(5);
        long killed = System.nanoTime();
        dying.kill();
        double took;
        try {
            HttpResponse<InputStream> answer = pending.get(120, TimeUnit.SECONDS);
            drain(answer);
            if (answer.statusCode() != 200) throw new IOException("status " + answer.statusCode());
            took = (System.nanoTime() - killed) / 1e9;
        } catch (Exception cut) {
            // the proxy could not retry it: the player asks again, as hls.js does
            while (true) {
                HttpResponse<InputStream> again = get(haproxy.port, route + "/240p/segment-" + n + ".ts", player);
                if (again.statusCode() == 200) break;
            }
            took = (System.nanoTime() - killed) / 1e9;
        }
        dying.start();
        Thread.sleep(3000);
        return Math.round(took * 100) / 100.0;
    }

    /** Median ms of 10 segments read by an instance that never had them (from the bucket), then again (local). */
    private static double[] readFromBucketThenDisk(InstanceProcess fresh, String route) throws Exception {
        get(fresh.port, route + "/master.m3u8", "reader");
        List<Double> bucket = new ArrayList<>(), local = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int n = 0; n < 10; n++) {
                long start = System.nanoTime();
                HttpResponse<InputStream> answer = get(fresh.port, route + "/240p/segment-" + n + ".ts", "reader");
                if (answer.statusCode() != 200) throw new IOException("segment " + n + ": " + answer.statusCode());
                (pass == 0 ? bucket : local).add((System.nanoTime() - start) / 1e6);
            }
        }
        return new double[] {median(bucket), median(local)};
    }

    /** {kB, upload CPU ms, upload wall ms, encode CPU ms} per 720p segment, medians. */
    private static double[] uploadCost(S3ProxyProcess s3, InstanceProcess instance, Path media, Path source) throws Exception {
        Path movie = Files.copy(source, media.resolve("upload.mkv"));
        String route = route(movie);
        get(instance.port, route + "/master.m3u8", "uploader");
        List<Double> encode = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            long before = cpuMillis(instance);
            get(instance.port, route + "/720p/segment-" + n + ".ts", "uploader");
            encode.add((double) (cpuMillis(instance) - before));
        }
        System.setProperty("aws.accessKeyId", S3ProxyProcess.IDENTITY);
        System.setProperty("aws.secretAccessKey", S3ProxyProcess.CREDENTIAL);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> cpu = new ArrayList<>(), wall = new ArrayList<>(), size = new ArrayList<>();
        String sha = FileIdentity.sha(movie);
        try (S3Bucket bucket = S3Bucket.open(new ObjectStorage(s3.bucket(), s3.endpoint(), "us-east-1"))) {
            for (int round = 0; round < 4; round++) {
                for (int n = 0; n < 6; n++) {
                    Path segment = s3.file(StoreKeys.segment(sha, "720p", n, "ts"));
                    long c = threads.getCurrentThreadCpuTime(), w = System.nanoTime();
                    bucket.put("bench/" + round + "/" + n + ".ts", segment);
                    // the first round warms the client up
                    if (round == 0) continue;
                    cpu.add((threads.getCurrentThreadCpuTime() - c) / 1e6);
                    wall.add((System.nanoTime() - w) / 1e6);
                    size.add(Files.size(segment) / 1000.0);
                }
            }
        }
        return new double[] {median(size), median(cpu), median(wall), median(encode)};
    }

    /** Seconds to a never-seen file's first 720p segment: {cold, metadata prepared elsewhere, segment made elsewhere}. */
    private static double[] firstSegment(Path media, Path source, int round, InstanceProcess first, InstanceProcess second,
                                         InstanceProcess alone, S3ProxyProcess s3) throws Exception {
        double[] out = new double[3];
        List<InstanceProcess> all = List.of(first, second, alone);
        Path cold = Files.copy(source, media.resolve("cold-" + round + ".mkv"));
        awaitIdle(all);
        out[0] = timed(alone.port, route(cold) + "/720p/segment-0.ts");
        Path prepared = Files.copy(source, media.resolve("prepared-" + round + ".mkv"));
        String sha = FileIdentity.sha(prepared);
        if (get(first.port, "/video" + route(prepared) + "/prepare", "prepare").statusCode() != 202) throw new IOException("prepare");
        // everything the first instance prepares (the sprite too) is up before the second is asked
        awaitKeys(s3, List.of(StoreKeys.info(sha), StoreKeys.keyframes(sha, 0), StoreKeys.sprite(sha), StoreKeys.spriteMap(sha)));
        awaitIdle(all);
        out[1] = timed(second.port, route(prepared) + "/720p/segment-0.ts");
        Path made = Files.copy(source, media.resolve("made-" + round + ".mkv"));
        String madeSha = FileIdentity.sha(made);
        get(first.port, route(made) + "/720p/segment-0.ts", "maker");
        awaitKeys(s3, List.of(StoreKeys.segment(madeSha, "720p", 0, "ts")));
        awaitIdle(all);
        out[2] = timed(second.port, route(made) + "/720p/segment-0.ts");
        return out;
    }

    /** Until no instance spends CPU (heads run ahead of a player, then pause): each measure has the machine to itself. */
    private static void awaitIdle(List<InstanceProcess> instances) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            long[] before = new long[instances.size()];
            for (int i = 0; i < before.length; i++) before[i] = cpuMillis(instances.get(i));
            Thread.sleep(1000);
            boolean idle = true;
            for (int i = 0; i < before.length; i++) idle &= cpuMillis(instances.get(i)) - before[i] < 50;
            if (idle) return;
        }
    }

    private static double timed(int port, String route) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> answer = get(port, route, "first-" + System.nanoTime());
        if (answer.statusCode() != 200) throw new IOException(route + ": " + answer.statusCode());
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static void awaitKeys(S3ProxyProcess s3, List<String> keys) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!s3.keys().containsAll(keys)) {
            if (System.nanoTime() > deadline) throw new IOException("never uploaded: " + keys);
            Thread.sleep(20);
        }
    }

    /** The instance's process CPU (user + system) from /proc, in ms. */
    private static long cpuMillis(InstanceProcess instance) throws IOException {
        String[] stat = Files.readString(Path.of("/proc", Long.toString(instance.pid()), "stat")).split("\\) ")[1].split(" ");
        // fields 14 and 15 of stat, counted after the command's closing parenthesis
        return (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) * 1000 / 100;
    }

    private static HttpResponse<InputStream> get(int port, String route, String client) throws Exception {
        HttpResponse<InputStream> answer = HTTP.send(request(port, route, client), HttpResponse.BodyHandlers.ofInputStream());
        drain(answer);
        return answer;
    }

    private static void drain(HttpResponse<InputStream> answer) throws IOException {
        try (InputStream body = answer.body()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static HttpRequest request(int port, String route, String client) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route)).header("X-CLIENT-ID", client)
                .timeout(Duration.ofSeconds(120)).build();
    }

    private static String instance(HttpResponse<?> answer) {
        return answer.headers().firstValue("X-Transcoder-Instance").orElseThrow();
    }

    private static String route(Path file) {
        return "/" + Base64Path.encode(file.toString());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
