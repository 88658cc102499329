package org.kyoo.transcoder.server.realmedia;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.server.config.Config;

/**
 * A file with two video tracks on upstream Kyoo's table: track 0 (320x180, a keyframe every 2 s)
 * and track 1 (192x108 at 20 fps, keyframes at 0, 1.4, 3.2, 6, 7.6, 10.4 s), each with its own
 * playlists, init and fragments; the v3 table still plays track 0 only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KyooVideoTracksOnRealMediaTest {
    private static final String CLIENT = "two-tracks";
    @TempDir static Path dir;
    Fixture fixture;
    TranscoderServer server;
    Http http;
    String v3;
    String kyoo;

    @BeforeAll
    void start() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        fixture = TestMedia.twoVideoTracks();
        Path movie = Files.copy(fixture.path(), root.resolve("two-videos.mkv"));
        server = TranscoderServer.start(config, new MutableClock());
        http = new Http(server.port());
        v3 = Http.file(movie);
        kyoo = "/video" + v3;
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) server.close();
    }

    private byte[] fetch(String route) throws Exception {
        HttpResponse<byte[]> response = http.bytes(kyoo + route, CLIENT);
        assertEquals(200, response.statusCode(), route + ": " + new String(response.body()));
        return response.body();
    }

    /**
     * The playlist once its track's keyframe scan has ended: a track other than the first is
     * scanned when first asked for, and its playlist grows meanwhile (its last segment left out).
     * A 12-s file's scan ends well within the 60 s the server may take to answer anything.
     */
    private String completePlaylist(String route) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String playlist = new String(fetch(route));
            if (playlist.contains("#EXT-X-ENDLIST")) return playlist;
            if (System.nanoTime() > deadline) throw new AssertionError(route + " never ended: " + playlist);
            Thread.sleep(50);
        }
    }

    private static List<String> durations(String playlist) {
        return playlist.lines().filter(l -> l.startsWith("#EXTINF:")).map(l -> l.substring(8, l.indexOf(','))).toList();
    }

    @Test
    void theMasterListsBothTracksAndInfoReportsEach() throws Exception {
        String master = new String(fetch("/master.m3u8"));
        assertTrue(master.contains("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",LANGUAGE=\"en\",NAME=\"en\",DEFAULT=YES\n"), master);
        assertTrue(master.contains("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",LANGUAGE=\"ja\",NAME=\"ja\","
                + "URI=\"1/original/index.m3u8?clientId=" + CLIENT + "\"\n"), master);
        assertTrue(master.contains("CLOSED-CAPTIONS=NONE\n0/original/index.m3u8?clientId=" + CLIENT + "\n"), master);

        JsonNode info = new ObjectMapper().readTree(http.get(kyoo + "/info", null).body());
        assertEquals(2, info.get("videos").size(), info.toString());
        for (int i = 0; i < 2; i++) assertEquals(i, info.get("videos").get(i).get("index").asInt());
        assertEquals(192, info.get("videos").get(1).get("width").asInt());
        assertEquals(108, info.get("videos").get(1).get("height").asInt());
        assertEquals("ja", info.get("videos").get(1).get("language").asText());
        assertEquals(320, info.get("video").get("width").asInt(), "the file's video is the first track");
    }

    @Test
    void trackOnesPlaylistFollowsItsOwnKeyframesAndItsSegmentsHoldItsPictures() throws Exception {
        String index = completePlaylist("/1/original/index.m3u8");
        // the last runs to the file's end (12.03 s: its audio goes on past the last picture)
        List<String> durations = durations(index);
        assertEquals(6, durations.size(), index);
        assertEquals(List.of("1.400000", "1.800000", "2.800000", "1.600000", "2.800000"), durations.subList(0, 5), index);
        assertTrue(index.contains("#EXT-X-MAP:URI=\"init.mp4?clientId=" + CLIENT + "\""), index);
        Path init = Files.write(dir.resolve("init-1.mp4"), fetch("/1/original/init.mp4"));
        long scale = org.kyoo.transcoder.engine.testmedia.Boxes.timescale(init);
        double[] kf = TestMedia.secondVideoTrack().keyframes();
        List<Boxes.Fragment> fragments = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            Path segment = Files.write(dir.resolve("track1-" + n + ".mp4"), fetch("/1/original/segment-" + n + ".mp4"));
            Boxes.Fragment fragment = Boxes.fragment(segment);
            fragments.add(fragment);
            assertEquals(Math.round(kf[n] * scale),
                    fragment.baseMediaDecodeTime() + fragment.samples().get(0).compositionOffset(), "segment " + n + " shows track 1's keyframe first");
            assertEquals(List.of(192, 108), pictureSize(Boxes.joined(init, segment, dir.resolve("joined-1-" + n + ".mp4"))));
        }
        for (int n = 1; n < fragments.size(); n++) assertEquals(fragments.get(n - 1).end(), fragments.get(n).baseMediaDecodeTime());
        assertEquals(400, http.get(kyoo + "/2/original/index.m3u8", CLIENT).statusCode(), "no third track");
        assertEquals(400, http.get(kyoo + "/1/original/segment-6.mp4", CLIENT).statusCode(), "track 1 has six segments");
    }

    @Test
    void bothTracksPlayAtOnceAndStreamsSaysWhichTrackEachPlayerWatches() throws Exception {
        CompletableFuture<HttpResponse<String>> zero = http.getAsync(kyoo + "/0/240p/segment-2.mp4", "player-0");
        CompletableFuture<HttpResponse<String>> one = http.getAsync(kyoo + "/1/240p/segment-2.mp4", "player-1");
        HttpResponse<String> zeroAnswer = zero.get(60, TimeUnit.SECONDS);
        HttpResponse<String> oneAnswer = one.get(60, TimeUnit.SECONDS);
        assertEquals(200, zeroAnswer.statusCode(), zeroAnswer.body());
        assertEquals(200, oneAnswer.statusCode(), oneAnswer.body());
        JsonNode streams = new ObjectMapper().readTree(http.get("/video/streams", null).body());
        List<String> watched = new ArrayList<>();
        for (JsonNode p : streams.get("players")) {
            if (p.get("client").asText().startsWith("player-")) watched.add(p.get("client").asText() + " " + p.get("video").asText());
        }
        assertEquals(List.of("player-0 fmp4-video-0-240p", "player-1 fmp4-video-1-240p"), watched.stream().sorted().toList());
        // the heads may have ended by now: which track each head makes is KyooTrackRoutesTest's
    }

    @Test
    void theV3TableStillPlaysTheFirstTrackOnly() throws Exception {
        String index = http.get(v3 + "/original/index.m3u8", CLIENT).body();
        List<String> durations = durations(index);
        assertEquals(6, durations.size(), index);
        assertEquals(List.of("2.000000", "2.000000", "2.000000", "2.000000", "2.000000"), durations.subList(0, 5), index);
        String master = http.get(v3 + "/master.m3u8", CLIENT).body();
        assertTrue(!master.contains("TYPE=VIDEO"), master);
        assertTrue(master.contains("RESOLUTION=320x180"), master);
    }

    /** The picture size an independent reader finds in an init joined with a fragment. */
    private static List<Integer> pictureSize(Path file) {
        Av.load();
        AVFormatContext ctx = new AVFormatContext(null);
        Av.check(avformat_open_input(ctx, file.toString(), null, null), "avformat_open_input");
        try {
            Av.check(avformat_find_stream_info(ctx, (PointerPointer<?>) null), "avformat_find_stream_info");
            return List.of(ctx.streams(0).codecpar().width(), ctx.streams(0).codecpar().height());
        } finally {
            avformat_close_input(ctx);
        }
    }
}
