package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.testmedia.Formats;
import org.kyoo.transcoder.server.Http;

/**
 * Every format of {@link Formats} played through the server as a player would: info, master
 * playlist, then the first segments of the copied stream, of a transcode and of every audio track,
 * each decoded and checked (opens on a keyframe, decodes, continues the segment before, keeps the
 * size and display aspect the info announced).
 */
class FormatsPlayTest extends RealServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Codecs MPEG-TS carries and HLS players read: their copy must play. */
    private static final Set<String> COPYABLE = Set.of("h264", "hevc", "mpeg2video", "mpeg1video", "mpeg4");
    /** Files whose playlist cuts where the source has no keyframe: a copy cannot start its segments. */
    private static final Set<String> KEYFRAMES_MADE_UP = Set.of("single-gop.mp4");
    private static final double GAP = 0.1;

    static Stream<Formats.Format> formats() {
        return Formats.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void playsThroughEveryRoute(Formats.Format format) throws Exception {
        Path file = Files.copy(format.file().get(), root.resolve(format.name()));
        String base = Http.file(file);
        String client = "player-" + format.name();

        HttpResponse<String> info = http.get(base + "/info", null);
        assertEquals(200, info.statusCode(), "info: " + info.body());
        JsonNode json = JSON.readTree(info.body());
        HttpResponse<String> master = http.get(base + "/master.m3u8", client);
        assertEquals(200, master.statusCode(), "master: " + master.body());

        JsonNode video = json.get("video");
        if (video != null && !video.isNull()) {
            String codec = video.get("codec").asText();
            DecodedSegment.Source source = DecodedSegment.source(file);
            assertEquals(source.turned() ? source.height() : source.width(), video.get("width").asInt(), "info's width as displayed");
            assertEquals(source.turned() ? source.width() : source.height(), video.get("height").asInt(), "info's height as displayed");
            if (COPYABLE.contains(codec) && !KEYFRAMES_MADE_UP.contains(format.name())) {
                // a copy keeps the stored picture: turning it is the player's business, from the transcode
                playVideo(base, "original", client, source.storedAspect(), false);
            } else {
                HttpResponse<String> copy = http.get(base + "/original/segment-0.ts", client);
 assertTrue(copy.statusCode() >= 400 && copy.statusCode() < 500, "a copy of " + codec
                        + " MPEG-TS cannot carry, or cut where it has no keyframes, is refused: " + copy.statusCode() + " " + copy.body());
                assertTrue(copy.body().startsWith("{\"errors\":["), copy.body());
            }
            playVideo(base, "240p", client, source.shownAspect(), true);
        }
        JsonNode audios = json.get("audios");
        assertFalse(video == null && audios.isEmpty(), "info lists a stream");
        for (int a = 0; a < audios.size(); a++) {
            HttpResponse<String> playlist = http.get(base + "/audio/" + a + "/index.m3u8", client);
            assertEquals(200, playlist.statusCode(), "audio " + a + " playlist: " + playlist.body());
            DecodedSegment segment = fetch(base + "/audio/" + a + "/segment-0.ts", client);
            assertEquals("aac", segment.codec(), "audio " + a);
            assertTrue(segment.frames() > 10, "audio " + a + " decodes: " + segment);
            assertEquals(0, segment.rejected(), "audio " + a + ": " + segment);
        }
    }

    private void playVideo(String base, String quality, String client, double aspect, boolean transcoded) throws Exception {
        String playlist = completePlaylist(base + "/" + quality + "/index.m3u8", client);
        List<Double> durations = playlist.lines().filter(l -> l.startsWith("#EXTINF:"))
                .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',') < 0 ? l.length() : l.indexOf(',')))).toList();
        int count = durations.size();
        assertTrue(count > 0, playlist);
        List<DecodedSegment> segments = new ArrayList<>();
        for (int n = 0; n < Math.min(count, 2); n++) {
            DecodedSegment segment = fetch(base + "/" + quality + "/segment-" + n + ".ts", client);
            String what = quality + " segment " + n + " " + segment;
            assertTrue(segment.frames() > 0, what + " decodes");
            assertEquals(0, segment.rejected(), what + ": every packet decodes");
            assertTrue(segment.firstIsKey(), what + " opens on a keyframe");
            if (transcoded) {
                assertEquals("h264", segment.codec(), what);
                assertEquals("yuv420p", segment.pixelFormat(), what + ": 8-bit 4:2:0");
                assertEquals(100, segment.profile(), what + ": H.264 High");
                assertFalse(segment.interlaced(), what + ": deinterlaced");
                assertEquals(240, segment.height(), what);
            }
            assertEquals(aspect, segment.displayAspect(), aspect * 0.03, what + ": display aspect");
            if (n > 0) {
                // where the playlist says it starts, not overlapping the segment before (a source may
                // hold still pictures as gaps, Theora's repeated frames for one)
                double expected = segments.get(0).start() + durations.subList(0, n).stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(expected, segment.start(), GAP, what + " starts where the playlist says");
                double overlap = segments.get(n - 1).end() - segment.start();
                assertTrue(overlap <= GAP, quality + " " + (n - 1) + "→" + n + " overlap " + overlap);
            }
            segments.add(segment);
        }
    }

    private DecodedSegment fetch(String route, String client) throws Exception {
        HttpResponse<byte[]> response = http.bytes(route, client);
        assertEquals(200, response.statusCode(), route + ": " + new String(response.body()));
        Path segment = Files.write(Files.createTempFile(dir, "segment", ".ts"), response.body());
        return DecodedSegment.read(segment);
    }

    private String completePlaylist(String route, String client) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = http.get(route, client);
            assertEquals(200, response.statusCode(), route + ": " + response.body());
            if (response.body().contains("#EXT-X-ENDLIST")) return response.body();
            assertTrue(attempt < 300, "the keyframe scan ends: " + response.body());
            Thread.sleep(100);
        }
    }
}
