package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.Quality;

/** {@code /streams} says which video track each head makes. */
class RunningHeadTest {
    private static Integer video(String stream) {
        return new RunningHead("/v/a.mkv", stream, 1, 0, 10).video();
    }

    @Test
    void fmp4HeadsNameTheirTrackTsHeadsAreTheFirstsAudioHeadsNone() {
        assertEquals(1, video(Rendition.videoOriginal(1).label()));
        assertEquals(12, video(Rendition.video(12, Quality.P720).label()));
        assertEquals(0, video(Rendition.video(0, Quality.P240).label()));
        assertEquals(0, video("original"));
        assertEquals(0, video("720p"));
        assertNull(video("audio-1"));
        assertNull(video(Rendition.audio(0, 128_000).label()));
        assertNull(video(Rendition.audioOriginal(2).label()));
    }
}
