package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;

/** {@code /info} through the real server and the real prober, on generated media. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfoOnRealMediaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    Path root;
    TranscoderServer server;
    Http http;

    @BeforeAll
    void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0", "GOCODER_PREFIX", "/video"), dir);
        root = Files.createDirectories(config.safeRoot());
        Files.copy(TestMedia.multiTrackMkv().path(), root.resolve("multitrack.mkv"));
        Files.copy(TestMedia.randomBytes(), root.resolve("random.mkv"));
        Files.copy(TestMedia.empty(), root.resolve("empty.mp4"));
        Files.copy(TestMedia.text(), root.resolve("notes.mkv"));
        server = TranscoderServer.start(config);
        http = new Http(server.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (server == null) return;
        // /info started extraction and the sprite in the background: let them finish writing first
        String movie = Http.file(root.resolve("multitrack.mkv").toRealPath());
        http.get(movie + "/thumbnails.vtt", null);
        http.get(movie + "/subtitle/0.srt", null);
        server.close();
    }

    @Test
    void infoAnswersTheJsonContract() throws Exception {
        Fixture fixture = TestMedia.multiTrackMkv();
        Path movie = root.resolve("multitrack.mkv").toRealPath();
        HttpResponse<String> response = http.get(Http.file(movie) + "/info", null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        JsonNode info = JSON.readTree(response.body());
        for (String field : List.of("sha", "path", "extension", "mimeCodec", "size", "duration", "container", "video",
                "videos", "audios", "subtitles", "fonts", "chapters")) {
            assertTrue(info.has(field), field);
        }
        assertEquals(movie.toString(), info.get("path").asText());
        assertEquals(Files.size(movie), info.get("size").asLong());
        assertEquals(fixture.spec().duration(), info.get("duration").asDouble(), 0.1);
        assertEquals(320, info.get("video").get("width").asInt());
        assertEquals(2, info.get("audios").size());
        assertEquals("en", info.get("audios").get(0).get("language").asText());
        assertTrue(info.get("subtitles").get(0).get("link").asText().startsWith("/video/"),
                info.get("subtitles").get(0).toString());
        assertEquals(3, info.get("chapters").size());
    }

    @Test
    void filesThatAreNotMediaGetACleanErrorAndTheOthersStillAnswer() throws Exception {
        for (String name : List.of("random.mkv", "empty.mp4", "notes.mkv")) {
            HttpResponse<String> response = http.get(Http.file(root.resolve(name)) + "/info", null);
            assertEquals(422, response.statusCode(), name + ": " + response.body());
            assertTrue(response.body().startsWith("{\"errors\":[\""), response.body());
        }
        assertEquals(200, http.get(Http.file(root.resolve("multitrack.mkv")) + "/info", null).statusCode());
        assertEquals(404, http.get(Http.file(root.resolve("missing.mkv")) + "/info", null).statusCode());
    }
}
