package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.engine.testmedia.Series;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.metrics.PrometheusText;
import org.kyoo.transcoder.server.paths.Base64Path;

/**
 * Upstream's {@code /prepare?prev=&next=} on generated episodes whose intro and credits are known:
 * answered at once, the identification seen running, then {@code /info}'s chapters and the
 * playlists' date ranges within 1 s of the truth; counted by a metric; not computed again for the
 * same neighbours, computed again for others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaptersOnRealMediaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT = "chapters";
    @TempDir static Path dir;
    TranscoderServer server;
    Http http;
    Path root;
    final Path[] episodes = new Path[4];

    @BeforeAll
    void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        root = Files.createDirectories(config.safeRoot());
        for (int n = 1; n <= 3; n++) episodes[n] = Files.copy(Series.episode(n).path(), root.resolve("Show S01E0" + n + ".mka"));
        episodes[0] = Files.copy(Series.unrelated().path(), root.resolve("Other S01E01.mka"));
        server = TranscoderServer.start(config, new MutableClock());
        http = new Http(server.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private static String b64(Path file) {
        return Base64Path.encode(file.toString());
    }

    private HttpResponse<String> prepare(Path file, Path previous, Path next) throws Exception {
        String query = (previous == null ? "" : "prev=" + b64(previous)) + (previous != null && next != null ? "&" : "")
                + (next == null ? "" : "next=" + b64(next));
        return http.get("/video/" + b64(file) + "/prepare?" + query, null);
    }

    private List<JsonNode> chapters(String table, Path file, String type) throws Exception {
        JsonNode info = JSON.readTree(http.get(table + "/" + b64(file) + "/info", null).body());
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode c : info.get("chapters")) if (c.get("type").asText().equals(type)) found.add(c);
        return found;
    }

    private double identified(String outcome) throws Exception {
        double count = PrometheusText.value(PrometheusText.parse(http.get("/metrics", null).body()),
                "transcoder_chapters_identify_seconds_count{outcome=\"" + outcome + "\"");
        return Double.isNaN(count) ? 0 : count;
    }

    private boolean running() throws Exception {
        return JSON.readTree(http.get("/video/streams", null).body()).get("identifications").size() > 0;
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("Still waiting for " + what);
            Thread.sleep(50);
        }
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static BooleanSupplier quietly(Check check) {
        return () -> {
            try {
                return check.test();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void prepareWithNeighboursGivesIntroAndCreditsWithinASecondInInfoAndPlaylists() throws Exception {
        Series.Episode truth = Series.episode(2);
        long asked = System.nanoTime();
        HttpResponse<String> accepted = prepare(episodes[2], episodes[1], episodes[3]);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(System.nanoTime() - asked < 2_000_000_000L, "answered at once");
        boolean[] seenRunning = {false};
        await("the intro and credits", quietly(() -> {
            seenRunning[0] |= running();
            return identified("found") >= 1;
        }));
        assertTrue(seenRunning[0], "/video/streams listed the identification while it ran");
        for (String table : new String[] {"/video", ""}) {
            List<JsonNode> intros = chapters(table, episodes[2], "intro");
            List<JsonNode> credits = chapters(table, episodes[2], "credits");
            assertEquals(1, intros.size(), table + " " + intros);
            assertEquals(1, credits.size(), table + " " + credits);
            assertEquals(truth.introStart(), intros.get(0).get("startTime").asDouble(), 1.0);
            assertEquals(truth.introEnd(), intros.get(0).get("endTime").asDouble(), 1.0);
            assertEquals(truth.creditsStart(), credits.get(0).get("startTime").asDouble(), 1.0);
            assertEquals(truth.creditsEnd(), credits.get(0).get("endTime").asDouble(), 1.0);
            assertTrue(intros.get(0).get("matchAccuracy").asInt() > 50, intros.toString());
        }
        // plain HLS players: the audio playlists of both tables carry the chapters as date ranges
        for (String playlist : new String[] {"/" + b64(episodes[2]) + "/audio/0/index.m3u8",
                "/video/" + b64(episodes[2]) + "/audio/0/128k/index.m3u8"}) {
            String m3u8 = http.get(playlist, CLIENT).body();
            assertTrue(m3u8.contains("#EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:00.000Z\n"), m3u8);
            assertTrue(m3u8.lines().anyMatch(l -> l.startsWith("#EXT-X-DATERANGE:") && l.contains("CLASS=\"com.kyoo.chapter\"")
                    && l.contains("X-TYPE=\"intro\"") && l.contains("START-DATE=\"1970-01-01T00:00:2")), m3u8);
            assertTrue(m3u8.lines().anyMatch(l -> l.contains("X-TYPE=\"credits\"") && l.contains("START-DATE=\"1970-01-01T00:04:5")), m3u8);
        }
        // the same neighbours again: nothing computed; other neighbours: identified again. Preparations
        // and identifications each run one at a time in order, so when the second is counted, a
        // recomputation of the first would have been too
        assertEquals(202, prepare(episodes[2], episodes[1], episodes[3]).statusCode());
        assertEquals(202, prepare(episodes[2], episodes[1], null).statusCode());
        await("the identification with other neighbours", quietly(() -> identified("found") >= 2));
        await("nothing left running", quietly(() -> !running()));
        assertEquals(2, identified("found"));
    }

    @Test
    void badNeighboursAreRefusedAsAnyPathAndAnotherSeriesGivesNothing() throws Exception {
        String file = "/video/" + b64(episodes[1]) + "/prepare";
        assertEquals(400, http.get(file + "?prev=%21%21not-base64", null).statusCode());
        assertEquals(400, http.get(file + "?next=" + Base64Path.encode("/etc/hostname"), null).statusCode());
        assertEquals(404, http.get(file + "?next=" + b64(root.resolve("missing.mka")), null).statusCode());
        double none = identified("none");
        assertEquals(202, prepare(episodes[1], episodes[0], null).statusCode());
        await("the comparison with another series", quietly(() -> identified("none") > none));
        assertEquals(List.of(), chapters("/video", episodes[1], "intro"));
        assertEquals(List.of(), chapters("/video", episodes[1], "credits"));
    }
}
