package org.kyoo.transcoder.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class Fmp4CodecsTest {
    @Test
    void theMuxerSaysWhatItWrites() {
        for (String codec : List.of("h264", "hevc", "av1", "vp9", "aac", "mp3", "ac3", "eac3", "opus", "flac", "mp2", "dts",
                "pcm_s16le", "alac")) {
            assertTrue(Fmp4Codecs.carries(codec), codec);
        }
        // no sample entry for WMA; TrueHD only as an experimental feature; not a codec at all
        for (String codec : List.of("wmav2", "truehd", "theora", "no-such-codec")) assertFalse(Fmp4Codecs.carries(codec), codec);
        assertFalse(Fmp4Codecs.carries(null));
    }

    @Test
    void anMp3CopyIsNamedByItsSampleEntrysObjectType() {
        assertEquals("mp4a.6B", Fmp4Codecs.audioCodecString("mp3", "mp4a.40.34"));
        assertEquals("mp4a.40.2", Fmp4Codecs.audioCodecString("aac", "mp4a.40.2"));
        assertEquals(null, Fmp4Codecs.audioCodecString("mp2", null));
    }
}
