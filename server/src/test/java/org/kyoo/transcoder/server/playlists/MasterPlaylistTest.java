package org.kyoo.transcoder.server.playlists;

import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.DisplaySize;
import org.kyoo.transcoder.engine.media.MediaInfo;

class MasterPlaylistTest {
    static MediaInfo info(MediaInfo.Video video, List<MediaInfo.Audio> audios) {
        return new MediaInfo("j1-x", "/video/a.mkv", "mkv", null, 1000, 60, "matroska", video,
                video == null ? List.of() : List.of(video), audios, List.of(), List.of(), List.of());
    }

    static String render(MediaInfo info) {
        return MasterPlaylist.render(info, false, LinkQuery.NONE);
    }

    static final MediaInfo.Audio ENGLISH = new MediaInfo.Audio(0, "Stereo", "en", "aac", "mp4a.40.2", 2, true, false);
    static final MediaInfo.Audio FRENCH = new MediaInfo.Audio(1, null, "fr", "ac3", "ac-3", 6, false, false);
    static final MediaInfo.Audio UNNAMED = new MediaInfo.Audio(2, null, null, "opus", "Opus", 2, false, false);

    @Test
    void a1080pHevcSourceOffersOriginalThenEveryQualityUpToItsOwn() {
        MediaInfo.Video hevc = new MediaInfo.Video("hevc", "hvc1.1.6.L120.90", null, "1080p", 1920, 1080, 6_000_000);
        String m3u8 = render(info(hevc, List.of(ENGLISH, FRENCH, UNNAMED)));
        assertEquals("""
                #EXTM3U
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=4800000,BANDWIDTH=6000000,RESOLUTION=1920x1080,CODECS="hvc1.1.6.L120.90,mp4a.40.2",AUDIO="audio",CLOSED-CAPTIONS=NONE
                ./original/index.m3u8
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=400000,BANDWIDTH=700000,RESOLUTION=426x240,CODECS="avc1.640028,mp4a.40.2",AUDIO="audio",CLOSED-CAPTIONS=NONE
                ./240p/index.m3u8
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=800000,BANDWIDTH=1400000,RESOLUTION=640x360,CODECS="avc1.640028,mp4a.40.2",AUDIO="audio",CLOSED-CAPTIONS=NONE
                ./360p/index.m3u8
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=1200000,BANDWIDTH=2100000,RESOLUTION=854x480,CODECS="avc1.640028,mp4a.40.2",AUDIO="audio",CLOSED-CAPTIONS=NONE
                ./480p/index.m3u8
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=2400000,BANDWIDTH=4000000,RESOLUTION=1280x720,CODECS="avc1.640028,mp4a.40.2",AUDIO="audio",CLOSED-CAPTIONS=NONE
                ./720p/index.m3u8
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=4800000,BANDWIDTH=8000000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2",AUDIO="audio",CLOSED-CAPTIONS=NONE
                ./1080p/index.m3u8
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="en",NAME="Stereo",DEFAULT=YES,AUTOSELECT=YES,CHANNELS="2",URI="./audio/0/index.m3u8"
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",LANGUAGE="fr",NAME="fr",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="./audio/1/index.m3u8"
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",NAME="Audio 2",DEFAULT=NO,AUTOSELECT=YES,CHANNELS="2",URI="./audio/2/index.m3u8"
                """, m3u8);
    }

    @Test
    void everyUriCarriesTheQueryThePlayerCameWith() {
        MediaInfo.Video h264 = new MediaInfo.Video("h264", "avc1.640029", null, "360p", 640, 360, 1_000_000);
        String m3u8 = MasterPlaylist.render(info(h264, List.of(ENGLISH, FRENCH)), false, new LinkQuery("clientId=c1&x=1"));
        List<String> uris = m3u8.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("./original/index.m3u8?clientId=c1&x=1", "./240p/index.m3u8?clientId=c1&x=1"), uris);
        assertTrue(m3u8.contains("URI=\"./audio/0/index.m3u8?clientId=c1&x=1\""), m3u8);
        assertTrue(m3u8.contains("URI=\"./audio/1/index.m3u8?clientId=c1&x=1\""), m3u8);
    }

    @Test
    void aQueryCannotBreakAQuotedUri() {
        String m3u8 = MasterPlaylist.render(info(null, List.of(ENGLISH)), false, new LinkQuery("a=\"b c\"é"));
        assertTrue(m3u8.contains("URI=\"./audio/0/index.m3u8?a=%22b%20c%22%C3%A9\""), m3u8);
    }

    @Test
    void anH264HighSourceIsNotTranscodedAtItsOwnHeight() {
        MediaInfo.Video h264 = new MediaInfo.Video("h264", "avc1.640029", null, "720p", 1280, 720, 3_000_000);
        String m3u8 = render(info(h264, List.of(ENGLISH)));
        assertTrue(m3u8.contains("./480p/index.m3u8"));
        assertFalse(m3u8.contains("./720p/index.m3u8"));
        // the 720p quality bounds what the copy announces: min(0.8 × 3 Mb/s, 2.4 Mb/s), min(3 Mb/s, 4 Mb/s)
        assertTrue(m3u8.contains("AVERAGE-BANDWIDTH=2400000,BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS=\"avc1.640029,mp4a.40.2\""), m3u8);
    }

    @Test
    void aLowBitRateSourceIsBoundedByTheFirstQualityReachingItsBitRate() {
        MediaInfo.Video h264 = new MediaInfo.Video("h264", "avc1.64001f", null, "1080p", 1920, 1080, 500_000);
        String m3u8 = render(info(h264, List.of(ENGLISH)));
        // 360p is the first whose average (800 kb/s) reaches 500 kb/s
        assertTrue(m3u8.contains("AVERAGE-BANDWIDTH=400000,BANDWIDTH=500000,"), m3u8);
    }

    @Test
    void anamorphicSourcesAreTranscodedToSquarePixelsAtTheirShownAspect() {
        // a DVD: 720x480 coded, 32:27 pixels shown 853.3 wide
        MediaInfo.Video dvd = new MediaInfo.Video("mpeg2video", null, null, "480p", 720, 480, 9_800_000, 0, null, false,
                DisplaySize.of(720, 480, av_make_q(32, 27), false));
        String m3u8 = render(info(dvd, List.of(ENGLISH)));
        assertTrue(m3u8.contains("RESOLUTION=854x480,CODECS=\"avc1.640028,mp4a.40.2\""), m3u8);
        assertTrue(m3u8.contains("RESOLUTION=426x240,CODECS="), m3u8);
    }

    @Test
    void withoutAudioNoGroupIsNamedAndCodecsListOnlyVideo() {
        MediaInfo.Video h264 = new MediaInfo.Video("h264", "avc1.42c01e", null, "360p", 640, 360, 1_000_000);
        String m3u8 = render(info(h264, List.of()));
        assertFalse(m3u8.contains("AUDIO="));
        assertFalse(m3u8.contains("mp4a"));
        // a Baseline source is transcoded at its own height too
        assertTrue(m3u8.contains("RESOLUTION=640x360,CODECS=\"avc1.640028\",CLOSED-CAPTIONS=NONE\n./360p/index.m3u8\n"), m3u8);
    }

    @Test
    void everyVariantNamesItsCodecsAndSize() {
        MediaInfo.Video hevc = new MediaInfo.Video("hevc", "hvc1.1.6.L120.90", null, "1080p", 1920, 1080, 6_000_000);
        String m3u8 = render(info(hevc, List.of(ENGLISH)));
        List<String> variants = m3u8.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:")).toList();
        assertEquals(6, variants.size());
        for (String variant : variants) {
            assertTrue(variant.matches(".*,RESOLUTION=\\d+x\\d+,CODECS=\"[^\"]+,mp4a\\.40\\.2\".*"), variant);
        }
    }

    /** The copy of a stream a player could not parse is left out; the same-height transcode plays instead. */
    private static void assertOnlyTranscodes(String m3u8, String sameHeight) {
        assertFalse(m3u8.contains("./original/"), m3u8);
        assertTrue(m3u8.contains("\n./" + sameHeight + "/index.m3u8\n"), m3u8);
        m3u8.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF:"))
                .forEach(l -> assertTrue(l.contains("CODECS=\"avc1.640028,mp4a.40.2\""), l));
    }

    @Test
    void aCodecWithoutACodecStringIsNotOfferedAsOriginal() {
        // MPEG-4 Part 2: MPEG-TS carries it, but no player can be told what it is
        MediaInfo.Video mpeg4 = new MediaInfo.Video("mpeg4", null, null, "240p", 320, 240, 300_000);
        assertOnlyTranscodes(render(info(mpeg4, List.of(ENGLISH))), "240p");
    }

    @Test
    void aCodecMpegTsCannotCarryIsNotOfferedAsOriginal() {
        // AV1 has a codec string, but players do not parse it from MPEG-TS
        MediaInfo.Video av1 = new MediaInfo.Video("av1", "av01.0.08M.08", null, "720p", 1280, 720, 2_000_000);
        assertOnlyTranscodes(render(info(av1, List.of(ENGLISH))), "720p");
        MediaInfo.Video vp8 = new MediaInfo.Video("vp8", null, null, "360p", 640, 360, 800_000);
        assertOnlyTranscodes(render(info(vp8, List.of(ENGLISH))), "360p");
    }

    @Test
    void anH264HighSourceCutAtMadeUpKeyframesIsTranscodedAtItsOwnHeight() {
        MediaInfo.Video still = new MediaInfo.Video("h264", "avc1.64001e", null, "480p", 854, 480, 100_000);
        assertOnlyTranscodes(MasterPlaylist.render(info(still, List.of(ENGLISH)), true, LinkQuery.NONE), "480p");
    }

    @Test
    void anAudioOnlyFileOffersItsDefaultTrackAsTheOneVariant() {
        MediaInfo.Audio second = new MediaInfo.Audio(1, null, "ja", "opus", "Opus", 2, true, false);
        MediaInfo.Audio first = new MediaInfo.Audio(0, null, "en", "mp3", "mp4a.40.34", 2, false, false);
        String m3u8 = MasterPlaylist.render(info(null, List.of(first, second)), true, new LinkQuery("clientId=c"));
        assertTrue(m3u8.startsWith("""
                #EXTM3U
                #EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=128000,BANDWIDTH=160000,CODECS="mp4a.40.2"
                ./audio/1/index.m3u8?clientId=c
                """), m3u8);
        assertEquals(1, m3u8.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).count());
        assertTrue(m3u8.contains("LANGUAGE=\"ja\",NAME=\"ja\",DEFAULT=YES"), m3u8);
        assertTrue(m3u8.contains("LANGUAGE=\"en\",NAME=\"en\",DEFAULT=NO"), m3u8);
    }

    @Test
    void withoutAFlaggedTrackTheFirstIsTheDefault() {
        MediaInfo.Video h264 = new MediaInfo.Video("h264", "avc1.640029", null, "720p", 1280, 720, 3_000_000);
        String m3u8 = render(info(h264, List.of(FRENCH, UNNAMED)));
        assertTrue(m3u8.contains("NAME=\"fr\",DEFAULT=YES"), m3u8);
        assertTrue(m3u8.contains("NAME=\"Audio 2\",DEFAULT=NO"), m3u8);
    }

    @Test
    void quotesInTitlesCannotBreakTheAttributeList() {
        MediaInfo.Audio quoted = new MediaInfo.Audio(0, "Director's \"cut\"", null, "aac", "mp4a.40.2", 2, false, false);
        assertTrue(render(info(null, List.of(quoted))).contains("NAME=\"Director's 'cut'\""));
    }
}
