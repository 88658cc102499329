package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.server.config.Config;

/**
 * {@code GOCODER_TRANSCODE=disabled} (Kyoo issue #468: a Raspberry Pi without a hardware encoder):
 * masters of both tables list only what needs no video encode, a transcode is refused with a
 * clear 400, and a file whose video cannot be copied says so in {@code /info} and answers 422.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithoutTranscodingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path THEORA = Path.of(System.getProperty("shared.media.dir", "../shared/media"),
            "theora-378x382-15fps.ogv");

    @TempDir
    static Path dir;
    TranscoderServer server;
    Http http;
    String movie;
    String theora;

    @BeforeAll
    void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0", "GOCODER_TRANSCODE", "disabled"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        movie = Http.file(Files.copy(TestMedia.multiTrackMkv().path(), root.resolve("movie.mkv")));
        assertTrue(Files.isRegularFile(THEORA), "Theora media is read from " + THEORA);
        theora = Http.file(Files.copy(THEORA, root.resolve("theora.ogv")));
        server = TranscoderServer.start(config);
        http = new Http(server.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void mastersListTheOriginalAndEveryAudioRenditionOnly() throws Exception {
        String v3 = ok(movie + "/master.m3u8");
        assertEquals(List.of("./original/index.m3u8"), uris(v3, "./"), v3);
        assertTrue(v3.contains("./audio/0/index.m3u8") && v3.contains("./audio/1/index.m3u8"), "audio transcodes stay: " + v3);
        String kyoo = ok("/video" + movie + "/master.m3u8");
        List<String> variants = uris(kyoo, "0/");
        assertFalse(variants.isEmpty(), kyoo);
        assertTrue(variants.stream().allMatch(u -> u.startsWith("0/original/")), "only the copied video: " + kyoo);
        assertTrue(kyoo.contains("audio/0/128k/index.m3u8") && kyoo.contains("audio/0/original/index.m3u8"),
                "audio copies and the AAC ladder stay: " + kyoo);
        // what is listed plays
        assertEquals(200, http.bytes(movie + "/original/segment-1.ts", "p").statusCode());
        assertEquals(200, http.bytes(movie + "/audio/0/segment-1.ts", "p").statusCode());
        assertEquals(200, http.bytes("/video" + movie + "/0/original/segment-1.mp4", "p").statusCode());
    }

    @Test
    void aTranscodeIsRefusedSayingWhy() throws Exception {
        for (String route : List.of(movie + "/240p/index.m3u8", movie + "/240p/segment-0.ts",
                "/video" + movie + "/0/240p/index.m3u8", "/video" + movie + "/0/transcode/segment-0.mp4")) {
            HttpResponse<String> answer = http.get(route, "p");
            assertEquals(400, answer.statusCode(), route);
            assertTrue(answer.body().contains("transcoding is turned off"), route + ": " + answer.body());
        }
    }

    @Test
    void aFileWhoseVideoCannotBeCopiedSaysSoAndIsRefused() throws Exception {
        JsonNode info = JSON.readTree(ok(theora + "/info"));
        assertEquals("theora", info.path("video").path("codec").asText());
        JsonNode verdict = info.path("withoutTranscoding");
        assertFalse(verdict.path("playable").asBoolean(true), info.toString());
        assertTrue(verdict.path("reason").asText().contains("theora"), info.toString());
        for (String master : List.of(theora + "/master.m3u8", "/video" + theora + "/master.m3u8")) {
            HttpResponse<String> answer = http.get(master, "p");
            assertEquals(422, answer.statusCode(), master + ": " + answer.body());
            assertTrue(answer.body().contains("GOCODER_TRANSCODE=disabled"), answer.body());
        }
        JsonNode playable = JSON.readTree(ok(movie + "/info")).path("withoutTranscoding");
        assertTrue(playable.path("playable").asBoolean() && playable.path("playableMpegTs").asBoolean(), playable.toString());
    }

    private String ok(String route) throws Exception {
        HttpResponse<String> answer = http.get(route, "p");
        assertEquals(200, answer.statusCode(), route + ": " + answer.body());
        return answer.body();
    }

    /** The variant URIs starting with {@code prefix}, query dropped. */
    private static List<String> uris(String m3u8, String prefix) {
        return m3u8.lines().filter(l -> l.startsWith(prefix)).map(l -> l.replaceAll("\\?.*", "")).toList();
    }
}
