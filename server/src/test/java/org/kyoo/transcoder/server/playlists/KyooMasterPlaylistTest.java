package org.kyoo.transcoder.server.playlists;

import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.DisplaySize;
import org.kyoo.transcoder.engine.media.MediaInfo;

/** Upstream Kyoo's master playlist: what a player of today's Kyoo reads. */
class KyooMasterPlaylistTest {
    static final MediaInfo.Video HEVC = new MediaInfo.Video("hevc", "hvc1.1.6.L120.90", "jpn", "1080p", 1920, 1080, 6_000_000);
    static final MediaInfo.Audio FRENCH_AC3 = new MediaInfo.Audio(0, null, "fr", "ac3", "ac-3", 6, true, false);
    static final MediaInfo.Audio ENGLISH = new MediaInfo.Audio(1, "Stereo", "en", "aac", "mp4a.40.2", 2, false, false);
    static final LinkQuery Q = new LinkQuery("clientId=c");

    static MediaInfo info(List<MediaInfo.Video> videos, List<MediaInfo.Audio> audios) {
        return new MediaInfo("sha", "/video/a.mkv", "mkv", null, 1000, 60, "matroska", videos.isEmpty() ? null : videos.get(0),
                videos, audios, List.of(), List.of(), List.of());
    }

    @Test
    void audioGroupsPerQualityCarryTheSourceChannelsWhenCopiedAndStereoWhenTranscoded() {
        String m = KyooMasterPlaylist.render(info(List.of(HEVC), List.of(FRENCH_AC3, ENGLISH)), Q);
        assertTrue(m.startsWith("#EXTM3U\n#EXT-X-VERSION:7\n"));
        assertTrue(m.contains("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a-original\",LANGUAGE=\"fr\",NAME=\"fr\",DEFAULT=YES,CHANNELS=\"6\","
                + "URI=\"audio/0/original/index.m3u8?clientId=c\"\n"), m);
        // 1080p pairs with 192k: the ladder stops there
        for (String rate : List.of("128k", "192k")) {
            assertTrue(m.contains("GROUP-ID=\"a-" + rate + "\",LANGUAGE=\"fr\",NAME=\"fr\",DEFAULT=YES,CHANNELS=\"2\","
                    + "URI=\"audio/0/" + rate + "/index.m3u8?clientId=c\"\n"), m);
            assertTrue(m.contains("GROUP-ID=\"a-" + rate + "\",LANGUAGE=\"en\",NAME=\"Stereo\",CHANNELS=\"2\""), m);
        }
        assertTrue(!m.contains("a-256k"), m);
    }

    @Test
    void transcodeAnnouncesTheSizeAndRatesItIsEncodedAt() {
        // a DVD: 720x480 coded, 32:27 pixels shown 853.3 wide; MPEG-2 at 9.8 Mb/s
        MediaInfo.Video dvd = new MediaInfo.Video("mpeg2video", null, null, "480p", 720, 480, 9_800_000, 0, null, false,
                DisplaySize.of(720, 480, av_make_q(32, 27), false));
        String m = KyooMasterPlaylist.render(info(List.of(dvd), List.of(ENGLISH)), Q);
        String transcode = m.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).findFirst().orElseThrow();
        assertTrue(m.contains(transcode + "\n0/transcode/index.m3u8"), m);
        // encoded square-pixelled, at 480p's rates: BANDWIDTH is the peak the encoder is held to
        assertTrue(transcode.startsWith("#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=1200000,BANDWIDTH=2100000,RESOLUTION=854x480,"), transcode);
        assertTrue(m.contains("RESOLUTION=640x360,"), m);

        // a low-bitrate HEVC source is still encoded at its quality's rates
        String hevc = KyooMasterPlaylist.render(info(List.of(new MediaInfo.Video("hevc", "hvc1.1.6.L120.90", null, "1080p",
                1920, 1080, 1_000_000)), List.of(ENGLISH)), Q);
        assertTrue(hevc.contains("AVERAGE-BANDWIDTH=4800000,BANDWIDTH=8000000,RESOLUTION=1920x1080,CODECS=\"avc1.640028,"), hevc);
    }

    @Test
    void originalAndTranscodeArePairedWithTheOriginalAndTheTranscodedAudio() {
        String m = KyooMasterPlaylist.render(info(List.of(HEVC), List.of(FRENCH_AC3, ENGLISH)), Q);
        // the a-original pairing names every codec its group's copies carry, the default's first
        assertTrue(m.contains("CODECS=\"hvc1.1.6.L120.90,ac-3,mp4a.40.2\",AUDIO=\"a-original\",CLOSED-CAPTIONS=NONE\n0/original/index.m3u8?clientId=c\n"), m);
        assertTrue(m.contains("CODECS=\"hvc1.1.6.L120.90,mp4a.40.2\",AUDIO=\"a-192k\",CLOSED-CAPTIONS=NONE\n0/original/index.m3u8?clientId=c\n"), m);
        assertTrue(m.contains("CODECS=\"avc1.640028,ac-3,mp4a.40.2\",AUDIO=\"a-original\",CLOSED-CAPTIONS=NONE\n0/transcode/index.m3u8?clientId=c\n"), m);
        assertTrue(m.contains("CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"a-192k\",CLOSED-CAPTIONS=NONE\n0/transcode/index.m3u8?clientId=c\n"), m);
        assertTrue(m.contains("RESOLUTION=1280x720,CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"a-192k\",CLOSED-CAPTIONS=NONE\n0/720p/index.m3u8?clientId=c\n"), m);
        // 426.7 rounded to even, as the pipeline scales it
        assertTrue(m.contains("RESOLUTION=426x240,CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"a-128k\",CLOSED-CAPTIONS=NONE\n0/240p/index.m3u8?clientId=c\n"), m);
        assertEquals(8, m.lines().filter(l -> l.startsWith("#EXT-X-STREAM-INF")).count(), "2 + 2 paired, 4 smaller qualities");
        assertTrue(!m.contains("TYPE=VIDEO"), m);
    }

    @Test
    void anAacDefaultBesideAnotherCodecIsPairedWithTheTranscodedAudioToo() {
        // a browser without AC-3 drops the a-original pairing (its CODECS name ac-3) and still has
        // one in which every track plays: the AAC ladder's
        MediaInfo.Video h264 = new MediaInfo.Video("h264", "avc1.64001f", null, "720p", 1280, 720, 3_000_000);
        MediaInfo.Audio english = new MediaInfo.Audio(0, null, "en", "aac", "mp4a.40.2", 2, true, false);
        MediaInfo.Audio french = new MediaInfo.Audio(1, null, "fr", "ac3", "mp4a.a5", 6, false, false);
        String m = KyooMasterPlaylist.render(info(List.of(h264), List.of(english, french)), Q);
        assertTrue(m.contains("CODECS=\"avc1.64001f,mp4a.40.2,mp4a.a5\",AUDIO=\"a-original\",CLOSED-CAPTIONS=NONE\n0/original/index.m3u8"), m);
        assertTrue(m.contains("CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"a-192k\",CLOSED-CAPTIONS=NONE\n0/original/index.m3u8"), m);
        // AAC only: the copies play wherever the default does, one pairing
        String aacOnly = KyooMasterPlaylist.render(info(List.of(h264), List.of(english)), Q);
        assertEquals(1, aacOnly.lines().filter(l -> l.startsWith("0/original/index.m3u8")).count(), aacOnly);
    }

    @Test
    void aCopyWithoutACodecStringIsPairedWithNoVariant() {
        // MP2 (a DVB recording's audio) has no RFC 6381 string: a pairing naming only the video
        // would be picked by a browser that then cannot decode the copy
        MediaInfo.Video h264 = new MediaInfo.Video("h264", "avc1.64001f", null, "720p", 1280, 720, 3_000_000);
        MediaInfo.Audio mp2 = new MediaInfo.Audio(0, null, "de", "mp2", null, 2, true, false);
        String m = KyooMasterPlaylist.render(info(List.of(h264), List.of(mp2)), Q);
        assertTrue(!m.contains("AUDIO=\"a-original\""), m);
        assertTrue(m.contains("CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"a-192k\",CLOSED-CAPTIONS=NONE\n0/original/index.m3u8"), m);
    }

    @Test
    void anOriginalWithoutACodecStringIsNotOffered() {
        // Theora: a browser cannot tell it apart before choosing it, so only the transcodes are listed
        MediaInfo.Video theora = new MediaInfo.Video("theora", null, null, "480p", 378, 382, 1_000_000);
        String m = KyooMasterPlaylist.render(info(List.of(theora), List.of(ENGLISH)), Q);
        assertTrue(!m.contains("\n0/original/index.m3u8"), m);
        assertTrue(m.contains("RESOLUTION=378x382,CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"a-original\",CLOSED-CAPTIONS=NONE\n0/transcode/index.m3u8"), m);
    }

    @Test
    void severalVideoTracksGetVideoGroupsTheFirstOneDefault() {
        MediaInfo.Video second = new MediaInfo.Video("hevc", "hvc1.1.6.L120.90", "eng", "1080p", 1920, 1080, 6_000_000);
        String m = KyooMasterPlaylist.render(info(List.of(HEVC, second), List.of(ENGLISH)), Q);
        assertTrue(m.contains("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",LANGUAGE=\"jpn\",NAME=\"jpn\",DEFAULT=YES\n"), m);
        assertTrue(m.contains("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",LANGUAGE=\"eng\",NAME=\"eng\",URI=\"1/original/index.m3u8?clientId=c\"\n"), m);
        assertTrue(m.contains("GROUP-ID=\"720p\",LANGUAGE=\"eng\",NAME=\"eng\",URI=\"1/720p/index.m3u8?clientId=c\""), m);
    }

    @Test
    void theTrackMarkedDefaultIsTheOneTheVariantsPlayAndTitlesNameTheTracks() {
        MediaInfo.Video first = new MediaInfo.Video("hevc", "hvc1.1.6.L120.90", "jpn", "1080p", 1920, 1080, 6_000_000, 0, null, false);
        MediaInfo.Video chosen = new MediaInfo.Video("h264", "avc1.64001f", "eng", "720p", 1280, 720, 3_000_000, 1,
                "Director's \"cut\"", true);
        String m = KyooMasterPlaylist.render(info(List.of(first, chosen), List.of(ENGLISH)), Q);
        assertTrue(m.contains("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",LANGUAGE=\"jpn\",NAME=\"jpn\",URI=\"0/original/index.m3u8?clientId=c\"\n"), m);
        assertTrue(m.contains("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",LANGUAGE=\"eng\",NAME=\"Director's 'cut'\",DEFAULT=YES\n"), m);
        // the variants are the default track's: its size, codec and index
        assertTrue(m.contains("RESOLUTION=1280x720,CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"a-original\",CLOSED-CAPTIONS=NONE\n1/original/index.m3u8?clientId=c\n"), m);
        assertTrue(m.contains("CLOSED-CAPTIONS=NONE\n1/480p/index.m3u8?clientId=c\n"), m);
        assertTrue(!m.contains("\n0/480p/") && !m.contains("1080p/index"), m);
    }

    @Test
    void theLadderIsCappedByTheSourceAudiosBitRate() {
        MediaInfo.Audio small = new MediaInfo.Audio(0, null, "fr", "ac3", "ac-3", 6, true, false, 96_000);
        MediaInfo.Video uhd = new MediaInfo.Video("hevc", "hvc1.1.6.L150.90", null, "4k", 3840, 2160, 20_000_000);
        String m = KyooMasterPlaylist.render(info(List.of(uhd), List.of(small)), Q);
        // 96 kb/s sits at 128k: nothing above it is offered, and every variant pairs with at most that
        assertTrue(m.contains("GROUP-ID=\"a-128k\""), m);
        assertTrue(!m.contains("a-192k") && !m.contains("a-512k"), m);
        assertTrue(m.contains("AUDIO=\"a-128k\",CLOSED-CAPTIONS=NONE\n0/1440p/index.m3u8"), m);
    }

    @Test
    void aFileWithoutAudioNamesNoGroup() {
        String m = KyooMasterPlaylist.render(info(List.of(HEVC), List.of()), Q);
        assertTrue(!m.contains("AUDIO="), m);
        assertTrue(!m.contains("TYPE=AUDIO"), m);
    }

    @Test
    void mediaPlaylistsMapTheInitAndNameMp4SegmentsWithTheQuery() {
        String m = Fmp4MediaPlaylist.render(new double[] {0, 4, 8}, true, 10, Q);
        assertTrue(m.contains("#EXT-X-VERSION:7\n"), m);
        assertTrue(m.contains("#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4?clientId=c\"\n"), m);
        assertTrue(m.contains("#EXTINF:4.000000,\nsegment-1.mp4?clientId=c\n#EXTINF:2.000000,\nsegment-2.mp4?clientId=c\n#EXT-X-ENDLIST"), m);
    }
}
