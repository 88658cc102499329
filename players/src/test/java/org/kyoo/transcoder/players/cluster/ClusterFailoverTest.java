package org.kyoo.transcoder.players.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.storage.S3ProxyProcess;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.players.Chromium;
import org.kyoo.transcoder.players.WebPlayer;
import org.kyoo.transcoder.players.PlayerSite;
import org.kyoo.transcoder.players.PlayerState;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * Two instances behind the shipped HAProxy configuration, sharing an S3 bucket (S3Proxy), played
 * by hls.js through Kyoo's table: every route of the file lands on one instance; its objects go up;
 * a {@code kill -9} of that instance while a head runs leaves hls.js playing (at most one stall) on
 * the other, which serves what the dead one made from the bucket without encoding it again (the
 * bucket's objects keep their upload time, and the survivor's own count of segments made does not
 * move when they are asked for) and whose fragments decode under the init the player got from the
 * dead one; once the owner is back, the file's requests go to it again and what it serves is what
 * the bucket holds.
 */
class ClusterFailoverTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern SAMPLE = Pattern.compile("^(\\S+) (\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void hlsJsKeepsPlayingWhenTheInstanceOwningItsFileIsKilled() throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Path movie = Files.copy(TestMedia.long1080p(60, 5).path(), media.resolve("hd.mkv"));
        String sha = FileIdentity.sha(movie);
        String route = "/video/" + Base64Path.encode(movie.toString());
        String rendition = StoreKeys.stream(sha, "fmp4-video-0-240p");
        List<AutoCloseable> open = new ArrayList<>();
        try {
            S3ProxyProcess s3 = S3ProxyProcess.start(dir.resolve("s3"), "transcoder");
            open.add(s3);
            InstanceProcess a = new InstanceProcess("a", freePort(), dir, media, s3.environment());
            InstanceProcess b = new InstanceProcess("b", freePort(), dir, media, s3.environment());
            open.add(a);
            open.add(b);
            a.start();
            b.start();
            HaproxyProcess haproxy = HaproxyProcess.start(Path.of("..", "deploy", "haproxy.cfg"), dir, freePort(), List.of(a, b));
            open.add(haproxy);

            // every route of the file, on both tables, reaches one instance
            String owner = instanceOf(get(haproxy, route + "/info?clientId=probe"));
            String v3 = route.substring("/video".length());
            for (String r : List.of(route + "/master.m3u8", route + "/0/240p/index.m3u8", route + "/audio/0/128k/index.m3u8",
                    route + "/thumbnails.vtt", route + "/subtitle/0.srt", v3 + "/master.m3u8", v3 + "/240p/index.m3u8",
                    v3 + "/info", v3 + "/audio/0/index.m3u8")) {
                HttpResponse<String> answer = get(haproxy, r + (r.contains("?") ? "&" : "?") + "clientId=probe");
                assertEquals(owner, instanceOf(answer), r + ": " + answer.statusCode() + " " + answer.body());
            }
            InstanceProcess dying = owner.equals("a") ? a : b;
            InstanceProcess survivor = dying == a ? b : a;

            try (PlayerSite site = PlayerSite.start(haproxy.port); Chromium chromium = Chromium.start()) {
                WebPlayer player = chromium.open(site);
                assertTrue(player.playsH264AndAac(), "this Chromium cannot play H.264/AAC: install Debian's chromium");
                player.start(site.origin() + route + "/master.m3u8?clientId=viewer", null, 240);
                player.await("playback", Duration.ofSeconds(90), s -> s.currentTime() > 6);
                assertEquals(0.0, metric(survivor, "transcoder_segments_served_total{kind=\"video\"}"),
                        "the player's requests all went to the file's owner");
                awaitObject(s3, rendition + "segment-1.mp4");
                assertTrue(s3.keys().containsAll(List.of(StoreKeys.info(sha), StoreKeys.keyframes(sha, 0),
                        StoreKeys.init(sha, "fmp4-video-0-240p"))), "metadata and the init went up: " + s3.keys());

                // kill -9 while one of its heads makes a segment
                awaitHead(dying);
                Map<String, FileTime> made = uploaded(s3, rendition);
                dying.kill();
                double killedAt = player.state().currentTime();
                int stalls = playOn(player, killedAt + 20);
                assertTrue(stalls <= 1, stalls + " stalls across the switch");
                assertTrue(metric(survivor, "transcoder_segments_served_total{kind=\"video\"}") > 0, "the survivor took over");

                // what the dead instance made comes from the bucket, not from a head
                double producedBefore = metric(survivor, "transcoder_segments_produced_total{kind=\"video\"}");
                double fetchedBefore = metric(survivor, "transcoder_store_fetches_total");
                for (String key : made.keySet()) {
                    if (!key.contains("segment-")) continue;
                    String n = key.replaceAll(".*segment-(\\d+)\\.mp4", "$1");
                    HttpResponse<byte[]> segment = bytes(haproxy, route + "/0/240p/segment-" + n + ".mp4?clientId=checker");
                    assertEquals(200, segment.statusCode(), key);
                    assertEquals(survivor.name, instanceOf(segment));
                    assertArrayEquals(Files.readAllBytes(s3.file(key)), segment.body(), key + " as the dead instance made it");
                }
                assertEquals(producedBefore, metric(survivor, "transcoder_segments_produced_total{kind=\"video\"}"),
                        "no segment the dead instance had made was encoded again");
                assertTrue(metric(survivor, "transcoder_store_fetches_total") > fetchedBefore);
                made.forEach((key, time) -> {
                    try {
                        assertEquals(time, Files.getLastModifiedTime(s3.file(key)), key + " was not uploaded again");
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });

                // the owner comes back: its file goes back to it, and what it serves is the bucket's
                dying.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!owner.equals(instanceOf(get(haproxy, route + "/info?clientId=probe"))) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertEquals(owner, instanceOf(get(haproxy, route + "/info?clientId=probe")), "the file is back on its owner");
                String first = made.keySet().stream().filter(k -> k.contains("segment-")).findFirst().orElseThrow();
                HttpResponse<byte[]> again = bytes(haproxy, route + "/0/240p/"
                        + first.substring(first.lastIndexOf('/') + 1) + "?clientId=checker");
                assertEquals(owner, instanceOf(again));
                assertArrayEquals(Files.readAllBytes(s3.file(first)), again.body(), "nothing stale: the bucket's segment");
                playOn(player, player.state().currentTime() + 5);
            }
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        }
    }

    /** Plays on until {@code until} (media seconds); returns how many times the picture stood still for over a second. */
    private static int playOn(WebPlayer player, double until) throws InterruptedException {
        int stalls = 0;
        double last = -1;
        long stillSince = System.nanoTime();
        boolean stalled = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            PlayerState s = player.state();
            if (s.fatal() != null) throw new AssertionError("hls.js fatal error " + s.fatal() + ": " + s.errors());
            if (s.currentTime() >= until || s.ended()) return stalls;
            if (System.nanoTime() > deadline) throw new AssertionError("stopped at " + s.currentTime() + ": " + s);
            if (s.currentTime() > last) {
                last = s.currentTime();
                stillSince = System.nanoTime();
                stalled = false;
            } else if (!stalled && System.nanoTime() - stillSince > 1_000_000_000L) {
                stalled = true;
                stalls++;
            }
            Thread.sleep(100);
        }
    }

    private static void awaitHead(InstanceProcess owner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (owner.get("/video/streams").body().contains("\"position\"")) return;
            Thread.sleep(20);
        }
    }

    private static void awaitObject(S3ProxyProcess s3, String key) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!s3.keys().contains(key) && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(s3.keys().contains(key), key + " in the bucket: " + s3.keys());
    }

    /** The rendition's objects in the bucket now, with their upload times. */
    private static Map<String, FileTime> uploaded(S3ProxyProcess s3, String prefix) throws IOException {
        Map<String, FileTime> out = new HashMap<>();
        for (String key : s3.keys()) if (key.startsWith(prefix)) out.put(key, Files.getLastModifiedTime(s3.file(key)));
        assertFalse(out.isEmpty());
        return out;
    }

    private static double metric(InstanceProcess instance, String series) throws Exception {
        String text = instance.get("/metrics").body();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) if (m.group(1).equals(series)) return Double.parseDouble(m.group(2));
        return 0;
    }

    private static String instanceOf(HttpResponse<?> answer) {
        return answer.headers().firstValue("X-Transcoder-Instance").orElse(null);
    }

    private static HttpResponse<String> get(HaproxyProcess haproxy, String route) throws Exception {
        return HTTP.send(request(haproxy, route), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> bytes(HaproxyProcess haproxy, String route) throws Exception {
        return HTTP.send(request(haproxy, route), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest request(HaproxyProcess haproxy, String route) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + haproxy.port + route)).timeout(Duration.ofSeconds(90)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
