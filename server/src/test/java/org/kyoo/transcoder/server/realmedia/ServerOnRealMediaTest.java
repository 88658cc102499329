package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.streams.Transcoder;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.clients.MutableClock;
import org.kyoo.transcoder.server.config.Config;

/**
 * The real server over the real engine, on generated media, spoken to over HTTP. Skipped while the
 * engine is still a stub.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerOnRealMediaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // SPEC "Keyframes and segments": what an independent prober may see between segments
    private static final double VIDEO_GAP = 0.05;
    private static final double VIDEO_OVERLAP = 0.04;
    private static final double AUDIO_GAP = 0.06;
    private static final double AUDIO_OVERLAP = 0.02;
    private static final double SWITCH = 0.1;
    private static final double START = 0.25;

    @TempDir
    static Path dir;
    Fixture fixture;
    MutableClock clock;
    TranscoderServer server;
    Http http;
    Path root;
    String multi;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(engineReady(), "the engine is still a stub");
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        root = Files.createDirectories(config.safeRoot());
        fixture = TestMedia.multiTrackMkv();
        Path movie = Files.copy(fixture.path(), root.resolve("multitrack.mkv"));
        Files.copy(TestMedia.randomBytes(), root.resolve("random.mkv"));
        Files.copy(TestMedia.empty(), root.resolve("empty.mp4"));
        Files.copy(TestMedia.text(), root.resolve("notes.mkv"));
        Files.copy(TestMedia.truncated(), root.resolve("truncated.mkv"));
        Files.copy(TestMedia.mpegTsOffset().path(), root.resolve("offset.ts"));
        Files.copy(TestMedia.audioOnly().path(), root.resolve("audio-only.m4a"));
        Files.copy(TestMedia.manySegments().path(), root.resolve("many.mkv"));
        clock = new MutableClock();
        server = TranscoderServer.start(config, clock);
        http = new Http(server.port());
        multi = Http.file(movie);
    }

    @AfterAll
    void stop() throws Exception {
        if (server == null) return;
        // /info started extraction and the sprite in the background: let them finish writing first
        http.get(multi + "/thumbnails.vtt", null);
        http.get(multi + "/subtitle/0.srt", null);
        server.close();
    }

    /** The engine's stubs throw UnsupportedOperationException; the real one answers. */
    private boolean engineReady() throws IOException {
        Path scratch = Files.createTempDirectory("engine-probe");
        EngineSettings settings = new EngineSettings(scratch.resolve("cache"), scratch.resolve("metadata"), "", "fast",
                "", null);
        LocalStore metadata = new LocalStore(settings.metadataRoot());
        try (Transcoder transcoder = new Transcoder(settings, new MediaInfoStore(metadata), new KeyframeStore(metadata))) {
            transcoder.existing(scratch.resolve("none.mkv"));
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    // ---- helpers ----

    private List<Double> durations(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',') < 0 ? l.length() : l.indexOf(','))))
                .toList();
    }

    /** The playlist once the keyframe scan has ended (MPEG-TS has no index: it is scanned while we ask). */
    private String completePlaylist(String route, String client) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = http.get(route, client);
            assertEquals(200, response.statusCode(), response.body());
            if (response.body().contains("#EXT-X-ENDLIST")) return response.body();
            assertTrue(attempt < 300, "the keyframe scan ends: " + response.body());
            Thread.sleep(100);
        }
    }

    private double expectedStart(List<Double> durations, int segment) {
        double start = fixture.spec().startTime();
        for (int i = 0; i < segment; i++) start += durations.get(i);
        return start;
    }

    private SegmentProbe.Span fetch(String route, String client) throws Exception {
        HttpResponse<byte[]> response = http.bytes(multi + route, client);
        assertEquals(200, response.statusCode(), route + ": " + new String(response.body()));
        assertEquals("video/mp2t", response.headers().firstValue("Content-Type").orElse(null));
        Path file = Files.createTempFile(dir, "segment", ".ts");
        Files.write(file, response.body());
        return SegmentProbe.span(file);
    }

    private static void assertContinuous(SegmentProbe.Span before, SegmentProbe.Span after, double gap, double overlap,
                                         String what) {
        double delta = after.start() - before.end();
        assertTrue(delta <= gap, what + ": gap of " + delta + " s");
        assertTrue(-delta <= overlap, what + ": overlap of " + -delta + " s");
    }

    // ---- the contract ----

    @Test
    void everyRouteAnswersItsHappyPath() throws Exception {
        HttpResponse<String> master = http.get(multi + "/master.m3u8", "happy");
        assertEquals(200, master.statusCode(), master.body());
        assertTrue(master.body().contains("./original/index.m3u8"));
        assertTrue(master.body().contains("mp4a.40.2"));

        HttpResponse<String> info = http.get(multi + "/info", null);
        assertEquals(200, info.statusCode(), info.body());
        JsonNode json = JSON.readTree(info.body());
        assertEquals(2, json.get("audios").size());
        assertEquals(320, json.get("video").get("width").asInt());

        for (String playlist : List.of("/original/index.m3u8", "/720p/index.m3u8", "/audio/0/index.m3u8", "/audio/1/index.m3u8")) {
            HttpResponse<String> response = http.get(multi + playlist, "happy");
            assertEquals(200, response.statusCode(), playlist + ": " + response.body());
            assertTrue(response.body().contains("segment-0.ts"), response.body());
        }
        for (String segment : List.of("/original/segment-0.ts", "/720p/segment-0.ts", "/audio/0/segment-0.ts",
                "/audio/1/segment-1.ts")) {
            HttpResponse<byte[]> response = http.bytes(multi + segment, "happy");
            assertEquals(200, response.statusCode(), segment);
            assertTrue(response.body().length > 188 && response.body()[0] == 0x47, segment + " is MPEG-TS");
        }
        HttpResponse<byte[]> direct = http.bytes(multi + "/direct", null);
        assertEquals(Files.size(fixture.path()), direct.body().length);
    }

    @Test
    void aPlayerGetsContinuousSegmentsAcrossAQualitySwitch() throws Exception {
        String client = "flow";
        assertEquals(200, http.get(multi + "/master.m3u8", client).statusCode());
        List<Double> durations = durations(http.get(multi + "/original/index.m3u8", client).body());
        assertTrue(durations.size() >= 6, "fixture has at least 6 segments");

        for (String rendition : List.of("/original", "/720p", "/audio/0")) {
            boolean audio = rendition.startsWith("/audio");
            List<SegmentProbe.Span> spans = new ArrayList<>();
            for (int n = 0; n <= 5; n++) spans.add(fetch(rendition + "/segment-" + n + ".ts", client));
            for (int n = 0; n <= 5; n++) {
                double expected = expectedStart(durations, n);
                assertEquals(expected, spans.get(n).start(), START, rendition + " segment " + n + " start");
                if (n > 0) {
                    assertContinuous(spans.get(n - 1), spans.get(n), audio ? AUDIO_GAP : VIDEO_GAP,
                            audio ? AUDIO_OVERLAP : VIDEO_OVERLAP, rendition + " " + (n - 1) + "→" + n);
                }
            }
        }

        // the same player switching from the copy to 720p at segment 3
        String switching = "switcher";
        List<SegmentProbe.Span> spans = new ArrayList<>();
        for (int n = 0; n <= 5; n++) spans.add(fetch((n < 3 ? "/original" : "/720p") + "/segment-" + n + ".ts", switching));
        for (int n = 1; n <= 5; n++) {
            double tolerance = n == 3 ? SWITCH : VIDEO_GAP;
            assertContinuous(spans.get(n - 1), spans.get(n), tolerance, n == 3 ? SWITCH : VIDEO_OVERLAP,
                    "switch " + (n - 1) + "→" + n);
        }
    }

    @Test
    void threeClientsSeekingAtRandomGetCorrectSegmentsAndLeaveNothingRunning() throws Exception {
        // 130 one-second segments: seeks far apart start heads that would run on for 100 segments
        String many = Http.file(root.resolve("many.mkv"));
        List<Double> durations = durations(completePlaylist(many + "/original/index.m3u8", "seeker-0"));
        String[] renditions = {"/original", "/240p", "/audio/0"};
        ExecutorService players = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            int player = p;
            done.add(players.submit(() -> {
                Random random = new Random(player);
                String rendition = renditions[player];
                for (int i = 0; i < 6; i++) {
                    // anywhere in the file: jumps of more than 100 segments make the tracker stop heads
                    // far from every player, but never one another player's request waits on
                    int n = random.nextInt(durations.size());
                    if (i == 3) rendition = renditions[(player + 1) % renditions.length];
                    HttpResponse<byte[]> response = http.bytes(many + rendition + "/segment-" + n + ".ts", "seeker-" + player);
                    assertEquals(200, response.statusCode(), rendition + " segment " + n);
                    Path file = Files.write(Files.createTempFile(dir, "seek", ".ts"), response.body());
                    double expected = 0;
                    for (int k = 0; k < n; k++) expected += durations.get(k);
                    assertEquals(expected, SegmentProbe.span(file).start(), START, rendition + " segment " + n);
                }
                return null;
            }));
        }
        players.shutdown();
        // a deadlock would show here as a timeout
        for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);

        // one more player leaves a 720p head running (upscaling 100 segments takes a while)
        assertEquals(200, http.bytes(many + "/720p/segment-10.ts", "seeker-3").statusCode());
        List<String> running = cacheFiles();
        for (int i = 0; i < 600 && cacheFiles().equals(running); i++) Thread.sleep(100);
        assertNotEquals(running, cacheFiles(), "a head is still making segments");

        // an hour of silence: the tracker forgets the players and stops what they left running
        clock.advance(Duration.ofHours(2));
        server.tracker().sweep();
        Thread.sleep(2000);
        List<String> before = cacheFiles();
        Thread.sleep(3000);
        List<String> written = new ArrayList<>(cacheFiles());
        written.removeAll(before);
        assertEquals(List.of(), written, "no head writes segments once every player has left");
    }

    private List<String> cacheFiles() throws IOException {
        return CacheFiles.of(dir.resolve("cache"));
    }

    @Test
    void playlistsOfFilesStartingLateOrWithoutVideoCoverTheirDuration() throws Exception {
        Fixture offset = TestMedia.mpegTsOffset();
        String ts = Http.file(root.resolve("offset.ts"));
        List<Double> durations = durations(completePlaylist(ts + "/original/index.m3u8", "late"));
        assertEquals(offset.spec().duration(), durations.stream().mapToDouble(Double::doubleValue).sum(), 0.25);
        assertTrue(durations.stream().allMatch(d -> d > 0), durations.toString());
        HttpResponse<byte[]> first = http.bytes(ts + "/original/segment-0.ts", "late");
        assertEquals(200, first.statusCode());
        Path segment = Files.write(Files.createTempFile(dir, "offset", ".ts"), first.body());
        // segments keep the source's own timestamps
        assertEquals(offset.spec().startTime(), SegmentProbe.span(segment).start(), START);

        Fixture audioOnly = TestMedia.audioOnly();
        String m4a = Http.file(root.resolve("audio-only.m4a"));
        HttpResponse<String> master = http.get(m4a + "/master.m3u8", "listener");
        assertEquals(200, master.statusCode(), master.body());
        assertTrue(master.body().contains("URI=\"./audio/0/index.m3u8\""), master.body());
        List<Double> audio = durations(completePlaylist(m4a + "/audio/0/index.m3u8", "listener"));
        assertEquals(audioOnly.spec().duration(), audio.stream().mapToDouble(Double::doubleValue).sum(), 0.25);
        assertEquals(400, http.get(m4a + "/original/index.m3u8", "listener").statusCode());
        assertEquals(200, http.bytes(m4a + "/audio/0/segment-1.ts", "listener").statusCode());
    }

    @Test
    void infoStartsExtractionAndTheSpriteWhoseFilesAreThenServed() throws Exception {
        assertEquals(200, http.get(multi + "/info", null).statusCode());
        HttpResponse<String> srt = http.get(multi + "/subtitle/0.srt", null);
        assertEquals(200, srt.statusCode(), srt.body());
        assertTrue(srt.body().contains("Hello there"), srt.body());
        HttpResponse<String> ass = http.get(multi + "/subtitle/1.ass", null);
        assertEquals(200, ass.statusCode(), ass.body());
        assertTrue(ass.body().contains("Bonjour"), ass.body());
        assertEquals(404, http.get(multi + "/subtitle/7.srt", null).statusCode());

        var attachment = fixture.spec().attachments().get(0);
        HttpResponse<byte[]> font = http.bytes(multi + "/attachment/" + attachment.filename().replace(" ", "%20"), null);
        assertEquals(200, font.statusCode());
        assertTrue(java.util.Arrays.equals(attachment.data(), font.body()), "the font's bytes");

        HttpResponse<byte[]> png = http.bytes(multi + "/thumbnails.png", null);
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(null));
        assertEquals((byte) 0x89, png.body()[0]);
        assertEquals('P', png.body()[1]);
        HttpResponse<String> vtt = http.get(multi + "/thumbnails.vtt", null);
        assertEquals(200, vtt.statusCode());
        assertEquals("text/vtt", vtt.headers().firstValue("Content-Type").orElse(null));
        assertTrue(vtt.body().startsWith("WEBVTT"), vtt.body());
        assertTrue(vtt.body().contains("/thumbnails.png#xywh="), vtt.body());

        HttpResponse<String> noVideo = http.get(Http.file(root.resolve("audio-only.m4a")) + "/thumbnails.png", null);
        assertEquals(404, noVideo.statusCode(), noVideo.body());
    }

    @Test
    void everyBadInputOfSpecsErrorListGetsItsStatus() throws Exception {
        int segments = durations(http.get(multi + "/original/index.m3u8", "bad").body()).size();
        Path secret = Files.writeString(dir.resolve("secret.mkv"), "outside");
        Path sibling = Files.createDirectories(dir.resolve(root.getFileName() + "2")).resolve("b.mkv");
        Files.copy(fixture.path(), sibling, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path link = root.resolve("link.mkv");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, sibling);
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put(multi + "/master.m3u8 (no client)", 400);
        cases.put("/@@not-base64@@/master.m3u8", 400);
        cases.put("/" + org.kyoo.transcoder.server.paths.Base64Path.encode("video/multitrack.mkv") + "/master.m3u8", 400);
        cases.put(Http.file(secret) + "/master.m3u8", 400);
        cases.put(Http.file(sibling) + "/master.m3u8", 400);
        cases.put(Http.file(link) + "/master.m3u8", 400);
        cases.put("/" + org.kyoo.transcoder.server.paths.Base64Path.encode(root + "/../secret.mkv") + "/direct", 400);
        cases.put(multi + "/attachment/..%2F..%2Fsecret.mkv", 400);
        cases.put(multi + "/9000p/index.m3u8", 400);
        cases.put(multi + "/720p/segment--1.ts", 400);
        cases.put(multi + "/720p/segment-" + segments + ".ts", 400);
        cases.put(multi + "/720p/segment-one.ts", 400);
        cases.put(multi + "/audio/2/index.m3u8", 400);
        cases.put(multi + "/audio/2/segment-0.ts", 400);
        cases.put(Http.file(root.resolve("missing.mkv")) + "/master.m3u8", 404);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            boolean noClient = c.getKey().endsWith(" (no client)");
            String route = noClient ? c.getKey().substring(0, c.getKey().indexOf(' ')) : c.getKey();
            HttpResponse<String> response = http.get(route, noClient ? null : "bad");
            assertEquals(c.getValue(), response.statusCode(), route + ": " + response.body());
            assertTrue(response.body().startsWith("{\"errors\":[\""), route + ": " + response.body());
        }
    }

    @Test
    void brokenFilesGetCleanErrorsWhileOthersKeepPlaying() throws Exception {
        for (String broken : List.of("random.mkv", "empty.mp4", "notes.mkv")) {
            String path = Http.file(root.resolve(broken));
            for (String route : List.of("/master.m3u8", "/info", "/original/segment-0.ts")) {
                HttpResponse<String> response = http.get(path + route, "broken");
                assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                        broken + route + " answered " + response.statusCode() + " " + response.body());
                assertTrue(response.body().startsWith("{\"errors\":["), response.body());
            }
        }
        HttpResponse<String> truncated = http.get(Http.file(root.resolve("truncated.mkv")) + "/master.m3u8", "broken");
        assertNotEquals(500, truncated.statusCode(), truncated.body());
        assertEquals(200, http.bytes(multi + "/original/segment-1.ts", "still-playing").statusCode());
    }

    @Test
    void readySegmentsAndInfoAreAnsweredWhileTwoHundredRequestsWait() throws Exception {
        // segment 0 of the copy is ready before the crowd arrives
        assertEquals(200, http.bytes(multi + "/original/segment-0.ts", "early").statusCode());
        List<Double> durations = durations(http.get(multi + "/original/index.m3u8", "early").body());
        String[] cold = {"/360p", "/480p", "/audio/1"};
        List<CompletableFuture<HttpResponse<String>>> crowd = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String route = cold[i % cold.length] + "/segment-" + (durations.size() - 1 - i % 4) + ".ts";
            crowd.add(http.getAsync(multi + route, "crowd-" + i));
        }
        assertEquals(200, http.getAsync(multi + "/original/segment-0.ts", "early").get(60, TimeUnit.SECONDS).statusCode());
        assertEquals(200, http.getAsync(multi + "/info", null).get(60, TimeUnit.SECONDS).statusCode());
        for (CompletableFuture<HttpResponse<String>> request : crowd) {
            assertEquals(200, request.get(5, TimeUnit.MINUTES).statusCode());
        }
    }
}
