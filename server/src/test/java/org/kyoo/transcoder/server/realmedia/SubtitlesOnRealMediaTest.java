package org.kyoo.transcoder.server.realmedia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.server.Http;
import org.kyoo.transcoder.server.TranscoderServer;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.server.config.Config;

/** Subtitles of real files through the real server: renditions against the video, sidecar files. */
class SubtitlesOnRealMediaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MAP = Pattern.compile("X-TIMESTAMP-MAP=MPEGTS:(\\d+),LOCAL:(\\d+):(\\d\\d):(\\d\\d)\\.(\\d{3})");
    private static final Pattern TIMING = Pattern.compile("(\\d+):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> (\\d+):(\\d\\d):(\\d\\d)\\.(\\d{3})");
    /** A frame at ~24 fps: the video segment's last frame ends this close to the next cut. */
    private static final double FRAME = 0.05;

    @TempDir
    Path dir;

    /**
     * The WebVTT rendition of the SRT track against the video segments: every cue, mapped to the
     * MPEG-TS clock by its segment's X-TIMESTAMP-MAP, falls within the video segment of the same
     * number, at the time the muxer was told.
     */
    @Test
    void cuesLineUpWithTheVideoSegmentsOfTheSameNumber() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        Fixture fixture = TestMedia.multiTrackMkv();
        Path movie = Files.copy(fixture.path(), root.resolve("multitrack.mkv"));
        try (TranscoderServer server = TranscoderServer.start(config, new MutableClock())) {
            Http http = new Http(server.port());
            String m = Http.file(movie);

            String master = http.get(m + "/master.m3u8", "me").body();
            assertTrue(master.contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",LANGUAGE=\"en\",NAME=\"English\""), master);
            assertTrue(master.contains("URI=\"./subtitles/1/index.m3u8\""), "the ASS track too: " + master);
            String playlist = http.get(m + "/subtitles/0/index.m3u8", "me").body();
            String video = http.get(m + "/original/index.m3u8", "me").body();
            assertEquals(video.replace(".ts", ".vtt"), playlist, "the video playlist's segments");
            int segments = (int) playlist.lines().filter(l -> l.startsWith("#EXTINF")).count();

            Set<String> seen = new HashSet<>();
            for (int n = 0; n < segments; n++) {
                HttpResponse<String> vtt = http.get(m + "/subtitles/0/segment-" + n + ".vtt", "me");
                assertEquals(200, vtt.statusCode(), vtt.body());
                List<double[]> cues = cuesOnTsClock(vtt.body());
                if (cues.isEmpty()) continue;
                HttpResponse<byte[]> ts = http.bytes(m + "/original/segment-" + n + ".ts", "me");
                assertEquals(200, ts.statusCode());
                Path file = Files.write(dir.resolve("segment-" + n + ".ts"), ts.body());
                SegmentProbe.Span span = SegmentProbe.span(file);
                for (double[] cue : cues) {
                    assertTrue(cue[0] < span.end() + FRAME && cue[1] > span.start() - FRAME,
                            "cue " + cue[0] + "-" + cue[1] + " shows during video segment " + n + " " + span);
                    seen.add(String.format(java.util.Locale.ROOT, "%.3f-%.3f", cue[0], cue[1]));
                }
            }
            List<String> expected = new ArrayList<>();
            for (FixtureSpec.Cue cue : fixture.spec().subtitles().get(0).cues()) {
                expected.add(String.format(java.util.Locale.ROOT, "%.3f-%.3f", cue.start(), cue.end()));
            }
            assertEquals(Set.copyOf(expected), seen, "every cue, at the time it was muxed");
            // let the background extraction and sprite finish before the folder is deleted
            http.get(m + "/thumbnails.vtt", null);
        }
    }

    @Test
    void aSidecarIsListedServedAndAnEditRefreshesTheInfo() throws Exception {
        Config config = Config.fromEnvironment(Map.of("GOCODER_PORT", "0"), dir);
        Path root = Files.createDirectories(config.safeRoot());
        Path movie = Files.copy(TestMedia.multiTrackMkv().path(), root.resolve("Film.mkv"));
        Path sidecar = Files.writeString(root.resolve("Film.de.sdh.srt"), "1\n00:00:01,000 --> 00:00:02,000\nErste\n");
        Files.setLastModifiedTime(sidecar, FileTime.fromMillis(1_000_000_000L));
        try (TranscoderServer server = TranscoderServer.start(config, new MutableClock())) {
            Http http = new Http(server.port());
            String m = Http.file(movie);

            JsonNode info = JSON.readTree(http.get(m + "/info?clientId=me", null).body());
            JsonNode external = info.get("subtitles").get(2);
            assertEquals("de", external.get("language").asText());
            assertTrue(external.get("isExternal").asBoolean());
            assertTrue(external.get("isHearingImpaired").asBoolean());
            assertTrue(external.get("link").asText().endsWith("/subtitle/2.srt?clientId=me"), external.toString());
            assertEquals("intro", info.get("chapters").get(0).get("type").asText());
            assertTrue(http.get(m + "/subtitle/2.srt?format=vtt", null).body().contains("Erste"));

            Files.writeString(sidecar, "1\n00:00:01,000 --> 00:00:02,000\nZweite\n");
            Files.setLastModifiedTime(sidecar, FileTime.fromMillis(2_000_000_000L));
            JsonNode edited = JSON.readTree(http.get(m + "/info", null).body());
            assertNotEquals(info.get("sha").asText(), edited.get("sha").asText(), "an edited sidecar is a new version");
            assertTrue(http.get(m + "/subtitle/2.srt?format=vtt", null).body().contains("Zweite"));
            // let the background extraction and sprite finish before the folder is deleted
            http.get(m + "/thumbnails.vtt", null);
        }
    }

    /** Each cue's start and end on the MPEG-TS clock (s): cue time - LOCAL + MPEGTS / 90 000. */
    private static List<double[]> cuesOnTsClock(String vtt) {
        Matcher map = MAP.matcher(vtt);
        assertTrue(map.find(), vtt);
        double shift = Long.parseLong(map.group(1)) / 90_000.0
                - (Integer.parseInt(map.group(2)) * 3600 + Integer.parseInt(map.group(3)) * 60
                + Integer.parseInt(map.group(4)) + Integer.parseInt(map.group(5)) / 1000.0);
        List<double[]> cues = new ArrayList<>();
        Matcher timing = TIMING.matcher(vtt);
        while (timing.find()) {
            cues.add(new double[] {time(timing, 1) + shift, time(timing, 5) + shift});
        }
        return cues;
    }

    private static double time(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }
}
