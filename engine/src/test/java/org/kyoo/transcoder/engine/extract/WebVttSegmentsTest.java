package org.kyoo.transcoder.engine.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebVttSegmentsTest {
    private static final String VTT = """
            WEBVTT

            00:01.000 --> 00:02.500
            Hello there

            cue-2
            00:03.500 --> 00:04.500 line:10%
            <i>Across</i>
            a boundary

            01:00:10.000 --> 01:00:11.000
            Late
            """;

    @Test
    void aSegmentHoldsTheCuesShownDuringItOnTheSourceTimelineWithItsTimestampMap() {
        WebVttSegments segments = WebVttSegments.parse(VTT);

        assertEquals("""
                WEBVTT
                X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000

                00:00:01.000 --> 00:00:02.500
                Hello there

                00:00:03.500 --> 00:00:04.500 line:10%
                <i>Across</i>
                a boundary

                """, segments.segment(0, 4));
        // the cue crossing 4 s is in the next segment too, with the same times (players drop the repeat)
        assertEquals("""
                WEBVTT
                X-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000

                00:00:03.500 --> 00:00:04.500 line:10%
                <i>Across</i>
                a boundary

                """, segments.segment(4, 8));
        assertEquals("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n", segments.segment(8, 12));
        assertEquals(3610.0, segments.cues().get(2).start(), 1e-9);
    }

    @Test
    void aCueEndingExactlyAtABoundaryBelongsOnlyBeforeIt() {
        WebVttSegments segments = WebVttSegments.parse("WEBVTT\n\n00:01.000 --> 00:02.000\nA\n");
        assertEquals(1, WebVttSegments.parse(segments.segment(0, 2)).cues().size());
        assertEquals(0, WebVttSegments.parse(segments.segment(2, 4)).cues().size());
    }
}
