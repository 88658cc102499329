package org.kyoo.transcoder.server.playlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.MediaInfo;

class SubtitleRenditionsTest {
    private static final MediaInfo.Video VIDEO = new MediaInfo.Video("h264", "avc1.64001f", null, "360p", 640, 360, 700_000);
    private static final MediaInfo.Audio AUDIO = new MediaInfo.Audio(0, null, "en", "aac", "mp4a.40.2", 2, true, false);

    private static MediaInfo info(MediaInfo.Video video, List<MediaInfo.Subtitle> subtitles) {
        return new MediaInfo("j2-x", "/video/a.mkv", "mkv", null, 1000, 60, "matroska", video,
                video == null ? List.of() : List.of(video), List.of(AUDIO), subtitles, List.of(), List.of());
    }

    private static final List<MediaInfo.Subtitle> TRACKS = List.of(
            new MediaInfo.Subtitle(0, "English", "en", "subrip", "srt", true, false, "l0"),
            new MediaInfo.Subtitle(1, null, "fr", "ass", "ass", false, true, "l1"),
            new MediaInfo.Subtitle(2, null, "ja", "hdmv_pgs_subtitle", "sup", false, false, "l2"),
            new MediaInfo.Subtitle(3, null, null, "webvtt", "vtt", false, false, "l3", true, true));

    @Test
    void eachTextTrackIsASubtitlesRenditionEveryVariantReferences() {
        String m3u8 = MasterPlaylist.render(info(VIDEO, TRACKS), false, new LinkQuery("clientId=abc"));

        List<String> media = Arrays.stream(m3u8.split("\n")).filter(l -> l.startsWith("#EXT-X-MEDIA:TYPE=SUBTITLES")).toList();
        assertEquals(List.of(
                "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",LANGUAGE=\"en\",NAME=\"English\",DEFAULT=YES,AUTOSELECT=YES,FORCED=NO,URI=\"./subtitles/0/index.m3u8?clientId=abc\"",
                "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",LANGUAGE=\"fr\",NAME=\"fr (forced)\",DEFAULT=NO,AUTOSELECT=YES,FORCED=YES,URI=\"./subtitles/1/index.m3u8?clientId=abc\"",
                "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Subtitle (SDH)\",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI=\"./subtitles/3/index.m3u8?clientId=abc\""),
                media, "the PGS track has no text to offer");
        List<String> variants = Arrays.stream(m3u8.split("\n")).filter(l -> l.startsWith("#EXT-X-STREAM-INF")).toList();
        assertFalse(variants.isEmpty());
        for (String variant : variants) assertTrue(variant.contains(",SUBTITLES=\"subs\""), variant);
    }

    @Test
    void tracksThatWouldShareANameAreToldApartByTheirNumber() {
        List<MediaInfo.Subtitle> twins = List.of(
                new MediaInfo.Subtitle(0, null, "en", "subrip", "srt", false, false, "l0"),
                new MediaInfo.Subtitle(1, null, "en", "ass", "ass", false, false, "l1"));
        String m3u8 = MasterPlaylist.render(info(VIDEO, twins), false, LinkQuery.NONE);
        assertTrue(m3u8.contains("NAME=\"en 1\""), m3u8);
        assertTrue(m3u8.contains("NAME=\"en 2\""), m3u8);
    }

    @Test
    void anAudioOnlyFileVariantReferencesTheGroupToo() {
        String m3u8 = MasterPlaylist.render(info(null, TRACKS), false, LinkQuery.NONE);
        String variant = Arrays.stream(m3u8.split("\n")).filter(l -> l.startsWith("#EXT-X-STREAM-INF")).findFirst().orElseThrow();
        assertTrue(variant.endsWith(",SUBTITLES=\"subs\""), variant);
    }

    @Test
    void withoutTextSubtitlesNoGroupIsNamed() {
        String m3u8 = MasterPlaylist.render(info(VIDEO, List.of(TRACKS.get(2))), false, LinkQuery.NONE);
        assertFalse(m3u8.contains("SUBTITLES"), m3u8);
    }

    @Test
    void theSubtitlesPlaylistHasTheVideoPlaylistsSegmentsAsWebVtt() {
        double[] keyframes = {0, 2.5, 5};
        String video = MediaPlaylist.render(keyframes, true, 7, new LinkQuery("clientId=abc"));
        String subtitles = MediaPlaylist.render(keyframes, true, 7, new LinkQuery("clientId=abc"), ".vtt");
        assertEquals(video.replace(".ts?", ".vtt?"), subtitles);
        assertTrue(subtitles.contains("#EXTINF:2.500000,\nsegment-1.vtt?clientId=abc\n"), subtitles);
    }
}
