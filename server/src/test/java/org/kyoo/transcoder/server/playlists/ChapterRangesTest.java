package org.kyoo.transcoder.server.playlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/** Chapters as HLS date ranges: what hls.js, Safari and other players read without Kyoo. */
class ChapterRangesTest {
    private static final double[] KEYFRAMES = {0, 4, 8};

    @Test
    void typedChaptersBecomeDateRangesOnAClockStartingAtTheFirstSegment() {
        List<Chapter> chapters = List.of(new Chapter(0, 25.5, "", "content"),
                new Chapter(25.5, 70.25, "", "intro", 91, null),
                new Chapter(70.25, 296, "", "content"),
                new Chapter(296, 336.125, "Ending \"ED\"", "credits", 97, true));
        String m3u8 = MediaPlaylist.render(KEYFRAMES, true, 12, new LinkQuery("clientId=a"), ".ts", chapters);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:6
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-START:TIME-OFFSET=0
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-INDEPENDENT-SEGMENTS
                #EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:00.000Z
                #EXT-X-DATERANGE:ID="chapter-0",CLASS="com.kyoo.chapter",START-DATE="1970-01-01T00:00:25.500Z",DURATION=44.750,X-TYPE="intro",X-MATCH-ACCURACY=91
                #EXT-X-DATERANGE:ID="chapter-1",CLASS="com.kyoo.chapter",START-DATE="1970-01-01T00:04:56.000Z",DURATION=40.125,X-TYPE="credits",X-NAME="Ending 'ED'",X-MATCH-ACCURACY=97
                #EXTINF:4.000000,
                segment-0.ts?clientId=a
                """, m3u8.substring(0, m3u8.indexOf("#EXTINF:4.000000,\nsegment-1")));
    }

    @Test
    void aFileWhoseFirstSegmentStartsLaterPutsItsClockThere() {
        String m3u8 = MediaPlaylist.render(new double[] {10, 12}, true, 14, LinkQuery.NONE, ".ts",
                List.of(new Chapter(10, 40, "Opening")));
        assertTrue(m3u8.contains("#EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:10.000Z\n"
                + "#EXT-X-DATERANGE:ID=\"chapter-0\",CLASS=\"com.kyoo.chapter\",START-DATE=\"1970-01-01T00:00:10.000Z\","
                + "DURATION=30.000,X-TYPE=\"intro\",X-NAME=\"Opening\"\n#EXTINF:2.000000,\nsegment-0.ts\n"), m3u8);
    }

    @Test
    void withoutIntroCreditsRecapOrPreviewThePlaylistIsAsBefore() {
        String before = MediaPlaylist.render(KEYFRAMES, true, 12, LinkQuery.NONE);
        assertEquals(before, MediaPlaylist.render(KEYFRAMES, true, 12, LinkQuery.NONE, ".ts",
                List.of(new Chapter(0, 6, "Part 1"), new Chapter(6, 12, "Part 2"))));
        String fmp4 = Fmp4MediaPlaylist.render(KEYFRAMES, true, 12, LinkQuery.NONE, List.of(new Chapter(0, 6, "Intro")));
        assertTrue(fmp4.contains("#EXT-X-MAP:URI=\"init.mp4\"\n#EXT-X-PROGRAM-DATE-TIME:1970-01-01T00:00:00.000Z\n"
                + "#EXT-X-DATERANGE:ID=\"chapter-0\""), fmp4);
    }
}
