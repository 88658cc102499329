package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.Damage;
import org.kyoo.transcoder.engine.testmedia.Formats;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;

/**
 * Damaged copies of the fixtures (flipped bytes, cut tails, zeroed and swapped spans; seeded, so a
 * failure replays) through every kind of route a player uses: each answer is a success or a JSON
 * error a player can act on, never "Internal server error"; no request hangs; and the server
 * still serves a good file after each damaged one. benchmarks' DamagedFilesRun does the same over
 * thousands of files.
 */
class DamagedMediaFuzzTest extends RealServerTest {
    private static final long SEED = 20261125;
    /** Longer than the engine's own 60 s wait for a segment: past it, the request hangs. */
    private static final Duration HANGING = Duration.ofSeconds(75);
    static final List<String> ROUTES = List.of("/info", "/master.m3u8", "/original/index.m3u8", "/original/segment-0.ts",
            "/original/segment-1.ts", "/240p/index.m3u8", "/240p/segment-0.ts", "/audio/0/index.m3u8", "/audio/0/segment-0.ts");
    /** Kyoo's table (fMP4): its inits and the copied audio, which the MPEG-TS table never makes. */
    static final List<String> KYOO_ROUTES = List.of("/master.m3u8", "/0/original/init.mp4", "/0/original/segment-1.mp4",
            "/0/240p/init.mp4", "/0/240p/segment-1.mp4", "/audio/0/original/init.mp4", "/audio/0/original/segment-1.mp4",
            "/audio/0/128k/segment-1.mp4");

    String good;

    /** Runs after the server started (a superclass's {@code @BeforeAll} goes first). */
    @BeforeAll
    void copyGoodFile() throws Exception {
        good = Http.file(Files.copy(TestMedia.mp4WithoutBFrames().path(), root.resolve("good.mp4")));
    }

    @Test
    void damagedFilesGetAnswersPlayersCanActOnAndNeverStopTheServer() throws Exception {
        List<Supplier<Path>> sources = List.of(() -> TestMedia.mp4().path(), () -> TestMedia.mpegTsOffset().path(),
                () -> TestMedia.variableFrameRate().path(), () -> format("flash.flv"), () -> format("mpeg2-program-stream.mpg"),
                () -> Formats.sharedMedia().resolve("theora-378x382-15fps.ogv"));
        List<String> failures = new ArrayList<>();
        int requests = 0;
        long seed = SEED;
        for (Supplier<Path> source : sources) {
            for (Damage.Kind kind : Damage.Kind.values()) {
                Path damaged = Damage.copy(source.get(), kind, seed++, root);
                String base = Http.file(damaged);
                List<String> routes = new ArrayList<>(ROUTES);
                for (String route : KYOO_ROUTES) routes.add("/video" + base + route);
                for (String path : routes) {
                    String route = path.startsWith("/video/") ? path.substring(("/video" + base).length()) + " (Kyoo's table)" : path;
                    String url = path.startsWith("/video/") ? path : base + path;
                    requests++;
                    HttpResponse<byte[]> response;
                    try {
                        response = http.send(http.request(url, "fuzz").timeout(HANGING).GET().build());
                    } catch (java.net.http.HttpTimeoutException e) {
                        failures.add(damaged.getFileName() + route + " hung");
                        continue;
                    }
                    String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                    String what = damaged.getFileName() + route + " → " + response.statusCode() + " " + abbreviated(body);
                    // a 503 is "ask again", which players do for ever: a segment that cannot be made is a 4xx
                    if (response.statusCode() >= 500) failures.add(what);
                    if (response.statusCode() >= 400 && !body.startsWith("{\"errors\":[")) failures.add(what + " (not JSON)");
                    // a listed segment that cannot be made names the file (and the segment, when the file
                    // opens at all), so the answer says what to look at
                    if (response.statusCode() == 422 && route.contains("segment-") && !body.contains(damaged.getFileName().toString())) {
                        failures.add(what + " (does not name the file)");
                    }
                }
                HttpResponse<String> stillServing = http.get(good + "/original/segment-" + (requests % 5) + ".ts", "good");
                assertEquals(200, stillServing.statusCode(), "a good file after " + damaged.getFileName());
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + requests + " answers:\n" + String.join("\n", failures));
    }

    private static Path format(String name) {
        return Formats.withVideo().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().file().get();
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
