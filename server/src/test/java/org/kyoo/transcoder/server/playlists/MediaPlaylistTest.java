package org.kyoo.transcoder.server.playlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MediaPlaylistTest {
    @Test
    void listsOneSegmentPerKeyframeIntervalTheLastRunningToTheEnd() {
        String m3u8 = MediaPlaylist.render(new double[] {0, 2.5, 6.75}, true, 9.0, LinkQuery.NONE);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-START:TIME-OFFSET=0
                #EXT-X-TARGETDURATION:5
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXTINF:2.500000,
                segment-0.ts
                #EXTINF:4.250000,
                segment-1.ts
                #EXTINF:2.250000,
                segment-2.ts
                #EXT-X-ENDLIST
                """, m3u8);
    }

    @Test
    void whileTheScanRunsTheLastSegmentAndTheEndAreLeftOut() {
        String m3u8 = MediaPlaylist.render(new double[] {0, 2, 4}, false, 100, LinkQuery.NONE);
        assertTrue(m3u8.contains("segment-1.ts\n"));
        assertFalse(m3u8.contains("segment-2.ts"));
        assertFalse(m3u8.contains("#EXT-X-ENDLIST"));
        assertTrue(m3u8.contains("#EXT-X-TARGETDURATION:2\n"));
    }

    @Test
    void targetDurationIsTheLongestSegmentRoundedUp() {
        assertEquals(4, MediaPlaylist.targetDuration(4.0));
        assertEquals(4, MediaPlaylist.targetDuration(4.0000000001), "float noise");
        assertEquals(5, MediaPlaylist.targetDuration(4.01));
        assertEquals(11, MediaPlaylist.targetDuration(10.4));
        assertEquals(1, MediaPlaylist.targetDuration(0));
        assertTrue(MediaPlaylist.render(new double[] {0, 10.4, 12}, true, 13, LinkQuery.NONE).contains("#EXT-X-TARGETDURATION:11\n"));
    }

    @Test
    void sourceTimestampsStartingLateGiveTheSameDurations() {
        String m3u8 = MediaPlaylist.render(new double[] {10, 12, 14}, true, 30, LinkQuery.NONE);
        assertTrue(m3u8.contains("#EXTINF:2.000000,\nsegment-0.ts\n#EXTINF:2.000000,\nsegment-1.ts\n#EXTINF:16.000000,\n"), m3u8);
    }

    @Test
    void anEmptyScanGivesAPlayablePlaylistHead() {
        String m3u8 = MediaPlaylist.render(new double[] {}, false, 10, LinkQuery.NONE);
        assertTrue(m3u8.startsWith("#EXTM3U\n"));
        assertFalse(m3u8.contains("segment-"));
    }

    @Test
    void everySegmentCarriesTheQueryThePlayerCameWith() {
        String m3u8 = MediaPlaylist.render(new double[] {0, 2}, true, 4, new LinkQuery("clientId=abc&token=x%20y"));
        assertTrue(m3u8.contains("\nsegment-0.ts?clientId=abc&token=x%20y\n"), m3u8);
        assertTrue(m3u8.contains("\nsegment-1.ts?clientId=abc&token=x%20y\n"), m3u8);
    }
}
