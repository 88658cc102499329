package org.kyoo.transcoder.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.streams.RunningHead;
import org.kyoo.transcoder.server.media.FakeMedia;

/** Upstream Kyoo's {@code :video} parameter and {@code /streams}' track of each head, over the fake engine. */
class KyooTrackRoutesTest {
    @TempDir Path dir;

    @Test
    void aVideoTrackIsPlainDigitsAndNoAliasOfOneIsServed() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            String table = "/video" + s.m;
            assertEquals(200, s.http.get(table + "/0/original/index.m3u8", "c").statusCode());
            for (String alias : List.of("-0", "%2B0", "0x0", "0.0", "00000000000", "-1")) {
                HttpResponse<String> answer = s.http.get(table + "/" + alias + "/original/index.m3u8", "c");
                assertEquals(400, answer.statusCode(), alias + ": " + answer.body());
                assertTrue(answer.body().contains("Invalid video track"), alias + ": " + answer.body());
                assertEquals(400, s.http.get(table + "/" + alias + "/original/segment-0.mp4", "c").statusCode(), alias);
            }
        }
    }

    @Test
    void streamsSaysWhichVideoTrackEachHeadMakes() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            String file = s.movie.toString();
            s.media.heads.addAll(List.of(
                    new RunningHead(file, "fmp4-video-1-240p", 0, 2, 5),
                    new RunningHead(file, "fmp4-video-0-original", 1, 0, 3),
                    new RunningHead(file, "720p", 2, 4, 6),
                    new RunningHead(file, "fmp4-audio-0-original", 3, 1, 2)));
            JsonNode heads = new ObjectMapper().readTree(s.http.get("/video/streams", null).body()).get("heads");
            List<String> seen = new ArrayList<>();
            for (JsonNode head : heads) seen.add(head.get("stream").asText() + " " + head.get("video").asText());
            assertEquals(List.of("fmp4-video-1-240p 1", "fmp4-video-0-original 0", "720p 0", "fmp4-audio-0-original null"), seen);
        }
    }

    @Test
    void aPlaylistThatCannotBeAnsweredLeavesThePlayersRenditionPlaying() throws Exception {
        try (FakeServer s = new FakeServer(dir, Map.of())) {
            // a second video track whose cut points cannot be read (the fake has only the first's)
            MediaInfo one = FakeMedia.movieInfo(s.movie.toRealPath());
            s.media.add(s.movie, new MediaInfo(one.sha(), one.path(), one.extension(), one.mimeCodec(), one.size(),
                    one.duration(), one.container(), one.video(), List.of(one.video(), one.video()), one.audios(),
                    one.subtitles(), one.fonts(), one.chapters()), KeyframeIndex.complete(new double[] {0, 2, 4, 6, 8, 10}));
            String table = "/video" + s.m;
            assertEquals(200, s.http.get(table + "/0/original/index.m3u8", "c").statusCode());
            s.streams.take();
            assertNotEquals(200, s.http.get(table + "/1/original/index.m3u8", "c").statusCode());
            assertEquals(List.of(), s.streams.take(), "track 0's rendition is not stopped for a playlist the player never got");
        }
    }
}
