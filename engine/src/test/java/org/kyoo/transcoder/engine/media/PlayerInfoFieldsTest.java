package org.kyoo.transcoder.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.probing.MediaProber;

/** The info fields players use beside the SPEC's originals: chapter types, audio bit rates, subtitle flags. */
class PlayerInfoFieldsTest {
    private final MediaProber prober = new MediaProber();

    @Test
    void chaptersAreTypedFromTheirNames() {
        MediaInfo info = prober.probe(TestMedia.multiTrackMkv().path(), "sha");
        // Muxed as "Opening", "Story", "Credits".
        assertEquals(List.of("intro", "content", "credits"), info.chapters().stream().map(MediaInfo.Chapter::type).toList());
    }

    @Test
    void audioTracksCarryTheirBitRateWhereTheContainerSaysIt() {
        MediaInfo info = prober.probe(TestMedia.mp4().path(), "sha");
        long bitrate = info.audios().get(0).bitrate();
        // The AAC encoder's default for stereo, as the MP4 sample table says it.
        assertTrue(bitrate > 64_000 && bitrate < 200_000, "bit rate " + bitrate);
    }

    @Test
    void embeddedSubtitlesAreNotExternalAndTheJsonNamesTheNewFields() throws Exception {
        MediaInfo info = prober.probe(TestMedia.multiTrackMkv().path(), "sha");
        assertFalse(info.subtitles().get(0).isExternal());
        assertFalse(info.subtitles().get(0).isHearingImpaired());

        JsonNode json = new ObjectMapper().readTree(MediaInfoJson.write(info));
        JsonNode subtitle = json.get("subtitles").get(0);
        assertFalse(subtitle.get("isExternal").asBoolean(true));
        assertFalse(subtitle.get("isHearingImpaired").asBoolean(true));
        assertEquals("srt", subtitle.get("extension").asText());
        assertTrue(json.get("audios").get(0).has("bitrate"));
        assertEquals("intro", json.get("chapters").get(0).get("type").asText());
        assertEquals("Opening", json.get("chapters").get(0).get("name").asText());
        assertEquals(info, MediaInfoJson.read(MediaInfoJson.write(info)), "info.json reads back as written");
        MediaInfo.Subtitle sdh = new MediaInfo.Subtitle(3, null, "en", "subrip", "srt", false, false, "a", true, true);
        assertEquals(new MediaInfo.Subtitle(3, null, "en", "subrip", "srt", false, false, "b", true, true), sdh.withLink("b"));
    }
}
