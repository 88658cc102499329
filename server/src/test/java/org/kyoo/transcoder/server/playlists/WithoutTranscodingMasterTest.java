package org.kyoo.transcoder.server.playlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Masters cut down to what needs no video encode, on both tables' URI layouts. */
class WithoutTranscodingMasterTest {
    @Test
    void theV3MasterKeepsTheOriginalAndTheAudio() {
        String m3u8 = String.join("\n", "#EXTM3U",
                "#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"audio\"", "./original/index.m3u8?clientId=a",
                "#EXT-X-STREAM-INF:BANDWIDTH=2,CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"audio\"", "./720p/index.m3u8?clientId=a",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"x\",URI=\"./audio/0/index.m3u8?clientId=a\"", "");
        assertEquals(String.join("\n", "#EXTM3U",
                "#EXT-X-STREAM-INF:BANDWIDTH=1,CODECS=\"avc1.640028,mp4a.40.2\",AUDIO=\"audio\"", "./original/index.m3u8?clientId=a",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"x\",URI=\"./audio/0/index.m3u8?clientId=a\"", ""),
                WithoutTranscoding.master(m3u8));
    }

    @Test
    void kyoosMasterKeepsTheOriginalVariantsAndVideoRenditions() {
        String m3u8 = String.join("\n", "#EXTM3U", "#EXT-X-VERSION:7",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a-128k\",NAME=\"x\",URI=\"audio/0/128k/index.m3u8\"",
                "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",NAME=\"v\",DEFAULT=YES",
                "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",NAME=\"w\",URI=\"1/original/index.m3u8\"",
                "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"480p\",NAME=\"v\",DEFAULT=YES",
                "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"480p\",NAME=\"w\",URI=\"1/480p/index.m3u8\"",
                "#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO=\"a-original\"", "0/original/index.m3u8",
                "#EXT-X-STREAM-INF:BANDWIDTH=2,AUDIO=\"a-128k\"", "0/transcode/index.m3u8",
                "#EXT-X-STREAM-INF:BANDWIDTH=3,AUDIO=\"a-128k\"", "0/480p/index.m3u8");
        assertEquals(String.join("\n", "#EXTM3U", "#EXT-X-VERSION:7",
                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a-128k\",NAME=\"x\",URI=\"audio/0/128k/index.m3u8\"",
                "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",NAME=\"v\",DEFAULT=YES",
                "#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"original\",NAME=\"w\",URI=\"1/original/index.m3u8\"",
                "#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO=\"a-original\"", "0/original/index.m3u8"),
                WithoutTranscoding.master(m3u8));
    }

    @Test
    void aMasterWhoseVideoVariantsAllEncodeHasNothingToOffer() {
        assertNull(WithoutTranscoding.master("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2\n./240p/index.m3u8\n"));
        String audioOnly = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n./audio/0/index.m3u8\n";
        assertEquals(audioOnly, WithoutTranscoding.master(audioOnly));
    }
}
