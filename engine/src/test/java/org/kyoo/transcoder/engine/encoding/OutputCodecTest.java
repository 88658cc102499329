package org.kyoo.transcoder.engine.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputCodecTest {
    @Test
    void transcodesAreAnnouncedAsH264HighAtLevel4() {
        assertEquals("avc1.640028", OutputCodec.TRANSCODED.codecString());
        assertEquals("high", OutputCodec.TRANSCODED.encoderProfile());
        assertEquals("libx264", OutputCodec.TRANSCODED.softwareEncoder().name());
    }

    @Test
    void aSourceInH264HighIsInTheTranscodesProfileWhateverItsLevel() {
        OutputCodec h264 = OutputCodec.H264;
        assertTrue(h264.sameProfile("avc1.64001f"));
        assertTrue(h264.sameProfile("avc1.640033"));
        assertFalse(h264.sameProfile("avc1.4D401f"), "Main");
        assertFalse(h264.sameProfile("avc1.42E01e"), "Baseline");
        assertFalse(h264.sameProfile("hvc1.1.6.L93.B0"));
        assertFalse(h264.sameProfile(null), "a codec without a string");
    }

    @Test
    void presetsAreTheSoftwareEncodersNames() {
        assertEquals(java.util.List.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower",
                "veryslow", "placebo"), OutputCodec.H264.softwarePresets());
    }

    @Test
    void theLoadPresetIsForTheCpuOnly() {
        assertEquals("superfast", EncodingPolicy.loadPreset("superfast", false));
        assertNull(EncodingPolicy.loadPreset("superfast", true), "a device's slots are its sessions, its presets its own");
        assertNull(EncodingPolicy.loadPreset("", false), "empty: off");
        assertNull(EncodingPolicy.loadPreset(null, false));
    }
}
