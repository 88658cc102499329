package org.kyoo.transcoder.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.testmedia.PgsWriter;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.engine.scheduling.RecordingStreams;
import org.kyoo.transcoder.server.config.Config;
import org.kyoo.transcoder.server.media.FakeExtraction;
import org.kyoo.transcoder.server.media.FakeMedia;

/** {@code /:path/subtitle/:name?format=}: conversion through the HTTP contract (the extraction is faked: 0.srt). */
class SubtitleRouteTest {
    @TempDir
    Path dir;
    Config config;
    Path movie;
    TranscoderServer server;
    Http http;
    String m;

    @BeforeEach
    void start() throws IOException {
        config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        movie = Files.write(root.resolve("movie.mkv"), new byte[1000]);
        FakeMedia media = new FakeMedia(Files.createDirectories(dir.resolve("segments")));
        MediaInfo plain = FakeMedia.movieInfo(movie.toRealPath());
        MediaInfo withSubtitle = new MediaInfo(plain.sha(), plain.path(), plain.extension(), plain.mimeCodec(), plain.size(),
                plain.duration(), plain.container(), plain.video(), plain.videos(), plain.audios(),
                List.of(new MediaInfo.Subtitle(0, null, "en", "subrip", "srt", false, false, "unused")),
                plain.fonts(), plain.chapters());
        media.add(movie, withSubtitle, KeyframeIndex.complete(new double[] {0, 2, 4}));
        server = TranscoderServer.start(config, new TranscoderServer.Engine(media, new RecordingStreams(), () -> {}), new FakeExtraction(config.metadataRoot()));
        http = new Http(server.port());
        m = Http.file(movie);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anSrtTrackIsServedAsWebVttOnRequest() throws Exception {
        HttpResponse<String> vtt = http.get(m + "/subtitle/0.srt?format=vtt", null);

        assertEquals(200, vtt.statusCode(), vtt.body());
        assertEquals("text/vtt", vtt.headers().firstValue("Content-Type").orElse(null));
        assertTrue(vtt.body().startsWith("WEBVTT"), vtt.body());
        // WebVTT leaves the hours out below one hour.
        assertTrue(vtt.body().contains("00:01.000 --> 00:02.000\nHello"), vtt.body());
    }

    @Test
    void withoutAFormatTheTrackIsServedAsItIs() throws Exception {
        HttpResponse<String> srt = http.get(m + "/subtitle/0.srt", null);
        assertEquals(200, srt.statusCode());
        assertTrue(srt.body().contains("00:00:01,000 --> 00:00:02,000"), srt.body());
        assertEquals(200, http.get(m + "/subtitle/0.srt?format=srt", null).statusCode());
    }

    @Test
    void anUnknownFormatIsA400NamingTheValidOnes() throws Exception {
        HttpResponse<String> response = http.get(m + "/subtitle/0.srt?format=txt", null);
        assertEquals(400, response.statusCode());
        assertTrue(errors(response).get(0).contains("vtt, srt, ass"), response.body());
    }

    @Test
    void aPictureSubtitleAskedForAsTextIsA400SayingWhy() throws Exception {
        Path sub = Files.createDirectories(config.metadataRoot().resolve(FileIdentity.sha(movie.toRealPath())).resolve("sub"));
        PgsWriter.write(sub.resolve("1.sup"), List.of(new PgsWriter.Cue(1, 2)));

        assertEquals(200, http.get(m + "/subtitle/1.sup", null).statusCode());
        HttpResponse<String> response = http.get(m + "/subtitle/1.sup?format=vtt", null);
        assertEquals(400, response.statusCode());
        assertTrue(errors(response).get(0).contains("pictures"), response.body());
    }

    @Test
    void aTrackTheFileDoesNotHaveIsA404InAnyFormat() throws Exception {
        assertEquals(404, http.get(m + "/subtitle/5.srt?format=vtt", null).statusCode());
    }

    @Test
    void theTrackIsAnHlsRenditionCutOnTheVideosSegments() throws Exception {
        HttpResponse<String> playlist = http.get(m + "/subtitles/0/index.m3u8?clientId=me", null);
        assertEquals(200, playlist.statusCode(), playlist.body());
        assertEquals("application/vnd.apple.mpegurl", playlist.headers().firstValue("Content-Type").orElse(null));
        // keyframes 0, 2, 4 and a 12 s file: the video playlist's three segments
        assertTrue(playlist.body().contains("""
                #EXTINF:2.000000,
                segment-0.vtt?clientId=me
                #EXTINF:2.000000,
                segment-1.vtt?clientId=me
                #EXTINF:8.000000,
                segment-2.vtt?clientId=me
                #EXT-X-ENDLIST
                """), playlist.body());

        HttpResponse<String> first = http.get(m + "/subtitles/0/segment-0.vtt?clientId=me", null);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("text/vtt", first.headers().firstValue("Content-Type").orElse(null));
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:00:01.000 --> 00:00:02.000\nHello\n\n", first.body());
        HttpResponse<String> second = http.get(m + "/subtitles/0/segment-1.vtt", null);
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n", second.body());
    }

    @Test
    void aRenditionOfATrackThatIsNotTextOrASegmentPastTheEndIsA400() throws Exception {
        assertEquals(400, http.get(m + "/subtitles/3/index.m3u8", null).statusCode());
        assertEquals(400, http.get(m + "/subtitles/0/segment-3.vtt", null).statusCode());
        assertEquals(400, http.get(m + "/subtitles/0/segment-x.vtt", null).statusCode());
    }

    private static List<String> errors(HttpResponse<String> response) throws IOException {
        List<String> messages = new java.util.ArrayList<>();
        new ObjectMapper().readTree(response.body()).get("errors").forEach(e -> messages.add(e.asText()));
        return messages;
    }
}
