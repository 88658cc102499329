package org.kyoo.transcoder.players;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kyoo.transcoder.players.PlayerBench.START;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.Series;

/**
 * A player that knows nothing of Kyoo sees the intro and credits found from the neighbouring
 * episodes: plain hls.js 1.7 reads them from the playlist as date ranges of class
 * {@code com.kyoo.chapter} and places them on its timeline within a second of the truth. On the v3
 * table: the episodes are audio only, which upstream's table offers no variant for.
 */
class ChaptersInPlayersTest extends BrowserTest {
    @Override
    String table() {
        return "";
    }

    @Test
    void hlsJsPlacesTheIntroAndCreditsFoundFromTheNeighbours() throws Exception {
        String previous = route(Series.episode(1).path());
        String episode = route(Series.episode(2).path());
        String next = route(Series.episode(3).path());
        HttpClient http = HttpClient.newHttpClient();
        String prepare = episode + "/prepare?prev=" + last(previous) + "&next=" + last(next);
        assertEquals(202, http.send(HttpRequest.newBuilder(URI.create(prepare)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        long deadline = System.nanoTime() + START.toNanos();
        while (!http.send(HttpRequest.newBuilder(URI.create(episode + "/info")).build(), HttpResponse.BodyHandlers.ofString())
                .body().contains("\"credits\"")) {
            assertTrue(System.nanoTime() < deadline, "no intro nor credits found in time");
            Thread.sleep(200);
        }
        WebPlayer player = open();
        player.start(episode + "/master.m3u8?clientId=" + UUID.randomUUID(), null);
        player.await("playback", START, s -> s.currentTime() > 0.5);
        List<Map<String, Object>> ranges = player.dateRanges();
        Series.Episode truth = Series.episode(2);
        Map<String, Object> intro = only(ranges, "intro");
        Map<String, Object> credits = only(ranges, "credits");
        assertEquals("com.kyoo.chapter", intro.get("class"));
        assertEquals(truth.introStart(), number(intro, "start"), 1.0, ranges.toString());
        assertEquals(truth.introEnd(), number(intro, "start") + number(intro, "duration"), 1.0, ranges.toString());
        assertEquals(truth.creditsStart(), number(credits, "start"), 1.0, ranges.toString());
        assertEquals(truth.creditsEnd(), number(credits, "start") + number(credits, "duration"), 1.0, ranges.toString());
        assertEquals(null, player.state().fatal(), player.state().toString());
    }

    private static String last(String route) {
        return route.substring(route.lastIndexOf('/') + 1);
    }

    private static Map<String, Object> only(List<Map<String, Object>> ranges, String type) {
        List<Map<String, Object>> of = ranges.stream().filter(r -> type.equals(r.get("X-TYPE"))).toList();
        assertEquals(1, of.size(), type + " in " + ranges);
        return of.get(0);
    }

    private static double number(Map<String, Object> range, String key) {
        return ((Number) range.get(key)).doubleValue();
    }
}
