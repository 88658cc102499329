package org.kyoo.transcoder.server.playlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.thumbnails.SpriteLayout;
import org.kyoo.transcoder.engine.thumbnails.ThumbnailSprite;

class MetadataLinksTest {
    /** Standard base64 of {@code /v/a.mkv}, padding included, as the original linked it. */
    private static final String B64 = "L3YvYS5ta3Y=";
    private static final Path FILE = Path.of("/v/a.mkv");

    private static MediaInfo info(List<MediaInfo.Subtitle> subtitles, List<String> fonts) {
        MediaInfo.Video video = new MediaInfo.Video("h264", "avc1.64001f", null, "720p", 1280, 720, 2_000_000);
        return new MediaInfo("sha", FILE.toString(), "mkv", null, 1000, 60, "matroska", video, List.of(video), List.of(),
                subtitles, fonts, List.of());
    }

    @Test
    void subtitlesWithAnExtensionAndFontsAreLinkedTheQueryOnlyOnSubtitles() {
        MediaInfo facts = info(List.of(
                new MediaInfo.Subtitle(0, "English", "en", "subrip", "srt", true, false, null),
                new MediaInfo.Subtitle(1, null, "ja", "eia_608", null, false, false, null),
                new MediaInfo.Subtitle(2, null, "de", "subrip", "srt", false, false, null, true, true)),
                List.of("Test Font.ttf"));

        MediaInfo linked = new MetadataLinks("/video").on(facts, new LinkQuery("clientId=tv"));

        assertEquals(new MediaInfo.Subtitle(0, "English", "en", "subrip", "srt", true, false,
                "/video/" + B64 + "/subtitle/0.srt?clientId=tv"), linked.subtitles().get(0));
        assertNull(linked.subtitles().get(1).link(), "no extension, nothing to link");
        assertEquals("/video/" + B64 + "/subtitle/2.srt?clientId=tv", linked.subtitles().get(2).link());
        assertEquals(List.of("/video/" + B64 + "/attachment/Test Font.ttf"), linked.fonts());
        assertEquals(facts.videos(), linked.videos());
        assertEquals("/" + B64 + "/subtitle/0.srt",
                new MetadataLinks(null).on(facts, LinkQuery.NONE).subtitles().get(0).link(), "no prefix, no query");
    }

    @Test
    void theStoredSpriteMapIsAnsweredPointingAtTheThumbnailsRoute() {
        SpriteLayout layout = SpriteLayout.of(3725, 1920, 1080);
        String stored = layout.vtt(ThumbnailSprite.PNG);

        String map = new MetadataLinks("/video").spriteMap(stored, FILE);

        assertEquals(layout.vtt("/video/" + B64 + "/thumbnails.png"), map);
        String[] blocks = map.split("\n\n");
        assertEquals("00:00:00.000 --> 00:00:24.000\n/video/" + B64 + "/thumbnails.png#xywh=0,0,256,144", blocks[1]);
    }

    @Test
    void aMapSavedWithLinksIsAnsweredWithTodaysPrefix() {
        SpriteLayout layout = SpriteLayout.of(95, 640, 360);
        String saved = layout.vtt("/old/" + B64 + "/thumbnails.png");

        assertEquals(layout.vtt("/video/" + B64 + "/thumbnails.png"), new MetadataLinks("/video").spriteMap(saved, FILE));
        assertEquals(saved, new MetadataLinks("/old").spriteMap(saved, FILE));
        assertEquals("WEBVTT\n", new MetadataLinks("/video").spriteMap("WEBVTT\n", FILE));
    }
}
