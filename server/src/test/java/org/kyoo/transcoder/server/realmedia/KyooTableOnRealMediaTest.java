package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.server.config.Config;

/**
 * Upstream Kyoo's table under {@code /video}, served by the real engine on generated media: the
 * master's groups, fMP4 playlists with their init, fragments that follow on, copied audio
 * bit-identical to the source, and the v3 table still beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KyooTableOnRealMediaTest {
    private static final String CLIENT = "kyoo-player";
    @TempDir static Path dir;
    Fixture fixture;
    TranscoderServer server;
    Http http;
    String multi;

    @BeforeAll
    void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        fixture = TestMedia.multiTrackMkv();
        Path movie = Files.copy(fixture.path(), root.resolve("multitrack.mkv"));
        server = TranscoderServer.start(config, new MutableClock());
        http = new Http(server.port());
        multi = "/video" + Http.file(movie);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private byte[] fetch(String route, String type) throws Exception {
        HttpResponse<byte[]> response = http.bytes(multi + route, CLIENT);
        assertEquals(200, response.statusCode(), route + ": " + new String(response.body()));
        assertEquals(type, response.headers().firstValue("Content-Type").orElse(null), route);
        return response.body();
    }

    private Path save(byte[] bytes, String name) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void theMasterHasAnAudioGroupPerQualityWithChannelsAndPairsTheOriginalWithBothAudios() throws Exception {
        String master = new String(fetch("/master.m3u8", "application/vnd.apple.mpegurl"));
        assertTrue(master.startsWith("#EXTM3U\n#EXT-X-VERSION:7\n"), master);
        // the AC-3 5.1 track keeps its channels when copied, is stereo once transcoded
        assertTrue(master.contains("GROUP-ID=\"a-original\",LANGUAGE=\"fr\",NAME=\"fr\",CHANNELS=\"6\","
                + "URI=\"audio/1/original/index.m3u8?clientId=" + CLIENT + "\""), master);
        assertTrue(master.contains("GROUP-ID=\"a-128k\",LANGUAGE=\"fr\",NAME=\"fr\",CHANNELS=\"2\","
                + "URI=\"audio/1/128k/index.m3u8?clientId=" + CLIENT + "\""), master);
        assertTrue(master.contains("GROUP-ID=\"a-original\",LANGUAGE=\"en\",NAME=\"English\",DEFAULT=YES,CHANNELS=\"2\""), master);
        // the copies' codecs, AAC then AC-3: a browser without AC-3 leaves this pairing for the 128k one
        assertTrue(master.contains("CODECS=\"avc1.64000c,mp4a.40.2,mp4a.a5\",AUDIO=\"a-original\",CLOSED-CAPTIONS=NONE\n"
                + "0/original/index.m3u8?clientId=" + CLIENT), master);
        assertTrue(master.contains("CODECS=\"avc1.64000c,mp4a.40.2\",AUDIO=\"a-128k\",CLOSED-CAPTIONS=NONE\n"
                + "0/original/index.m3u8?clientId=" + CLIENT), master);
        // a 180p H.264 High source: nothing smaller, no transcode; the original with either audio
        assertEquals(2, master.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).count(), master);
        assertTrue(!master.contains("TYPE=VIDEO"), "one video track: no video groups");
    }

    @Test
    void theOriginalVideoIsAnInitAndFragmentsThatFollowOn() throws Exception {
        String index = new String(fetch("/0/original/index.m3u8", "application/vnd.apple.mpegurl"));
        assertTrue(index.contains("#EXT-X-VERSION:7\n"), index);
        assertTrue(index.contains("#EXT-X-MAP:URI=\"init.mp4?clientId=" + CLIENT + "\"\n"), index);
        assertTrue(index.contains("\nsegment-0.mp4?clientId=" + CLIENT + "\n"), index);
        Path init = save(fetch("/0/original/init.mp4", "video/mp4"), "init-original.mp4");
        assertEquals(List.of("ftyp", "moov"), Boxes.types(Boxes.top(init)));
        List<Boxes.Fragment> fragments = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Path segment = save(fetch("/0/original/segment-" + n + ".mp4", "video/mp4"), "original-" + n + ".mp4");
            fragments.add(Boxes.fragment(segment));
            assertTrue(Boxes.opensOnIdr(fragments.get(n)), "segment " + n + " opens on an IDR");
        }
        for (int n = 1; n < fragments.size(); n++) assertEquals(fragments.get(n - 1).end(), fragments.get(n).baseMediaDecodeTime());
    }

    @Test
    void copiedAudioOverHttpIsTheSourcesPacketsAndTheLadderIsStereoAac() throws Exception {
        String index = new String(fetch("/audio/1/original/index.m3u8", "application/vnd.apple.mpegurl"));
        int segments = (int) index.lines().filter(l -> l.startsWith("segment-")).count();
        Path init = save(fetch("/audio/1/original/init.mp4", "video/mp4"), "init-ac3.mp4");
        assertEquals("ac-3", Boxes.sampleEntry(init));
        List<byte[]> copied = new ArrayList<>();
        for (int n = 0; n < segments; n++) {
            copied.addAll(Boxes.fragment(save(fetch("/audio/1/original/segment-" + n + ".mp4", "video/mp4"), "ac3-" + n + ".mp4")).data());
        }
        List<byte[]> source = Boxes.sourceAudioPackets(fixture.path(), 1, 0);
        assertEquals(source.size(), copied.size());
        for (int i = 0; i < source.size(); i++) assertArrayEquals(source.get(i), copied.get(i), "packet " + i);

        Path aacInit = save(fetch("/audio/1/192k/init.mp4", "video/mp4"), "init-192k.mp4");
        assertEquals("mp4a", Boxes.sampleEntry(aacInit));
        assertTrue(Boxes.fragment(save(fetch("/audio/1/192k/segment-2.mp4", "video/mp4"), "aac-2.mp4")).samples().size() > 10);
    }

    @Test
    void prepareAnswers202AtOnceAndStreamsListsThePlayers() throws Exception {
        assertEquals(202, http.get(multi + "/prepare", null).statusCode());
        assertEquals(400, http.get("/video/bm90LWJhc2U2NA/prepare", null).statusCode(), "a path that is no file");
        fetch("/0/original/segment-1.mp4", "video/mp4");
        HttpResponse<String> streams = http.get("/video/streams", null);
        assertEquals(200, streams.statusCode());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(streams.body());
        assertTrue(json.get("heads").isArray(), streams.body());
        boolean seen = false;
        for (var p : json.get("players")) seen |= CLIENT.equals(p.get("client").asText()) && "fmp4-video-0-original".equals(p.get("video").asText());
        assertTrue(seen, streams.body());
    }

    @Test
    void badQualitiesTracksAndChunksAre400AndTheV3TableStaysBeside() throws Exception {
        for (String route : List.of("/0/9000p/index.m3u8", "/1/original/index.m3u8", "/audio/5/original/index.m3u8",
                "/audio/0/100k/index.m3u8", "/0/original/segment-1.ts", "/0/original/segment-999.mp4")) {
            assertEquals(400, http.get(multi + route, CLIENT).statusCode(), route);
        }
        assertEquals(400, http.get(multi + "/0/original/index.m3u8", null).statusCode(), "no client id");
        String v3 = http.get(multi.substring("/video".length()) + "/master.m3u8", CLIENT).body();
        assertTrue(v3.contains("./original/index.m3u8"), v3);
        assertEquals(200, http.get(multi + "/info", null).statusCode());
        assertEquals(200, http.get(multi + "/direct/film.mkv", null).statusCode());
    }
}
