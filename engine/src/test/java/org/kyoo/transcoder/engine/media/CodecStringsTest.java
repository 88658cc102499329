package org.kyoo.transcoder.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.CodecStrings.CodecParameters;

class CodecStringsTest {
    private static final int UNKNOWN = -99;
    private static final byte[] NONE = new byte[0];

    private static String codec(String name, int profile, int level, byte[] extradata) {
        return CodecStrings.of(new CodecParameters(name, profile, level, extradata, 0));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void h264ProfilesAndLevelsFromTheStreamParameters() {
        assertEquals("avc1.640028", codec("h264", 100, 40, NONE));
        assertEquals("avc1.4D401f", codec("h264", 77, 31, NONE));
        assertEquals("avc1.42E01e", codec("h264", 66, 30, NONE));
        // constrained baseline is announced as the original did
        assertEquals("avc1.424015", codec("h264", 66 | (1 << 9), 21, NONE));
        // past High the profile is named as it is: announced as baseline, a player that cannot
        // decode High 10 picked it anyway (the original announced "avc1.424033")
        assertEquals("avc1.6e0033", codec("h264", 110, 51, NONE));
        assertEquals("avc1.7a000d", codec("h264", 122, 13, bytes(1, 122, 0, 13, 0xff, 0xe1)));
    }

    @Test
    void h264ProfileAndLevelFromTheAvcConfigurationRecordWhenTheHeadersLeaveThemUnknown() {
        assertEquals("avc1.64000c", codec("h264", UNKNOWN, UNKNOWN, bytes(1, 100, 0, 12, 0xff, 0xe1)));
        assertEquals("avc1.42401e", codec("h264", UNKNOWN, UNKNOWN, bytes(1, 66, 0xc0, 30, 0xff, 0xe1)));
        // Annex B parameter sets (MPEG-TS): start code, SPS NAL header, profile, constraints, level
        assertEquals("avc1.4D4028", codec("h264", UNKNOWN, UNKNOWN, bytes(0, 0, 0, 1, 0x67, 77, 0x40, 40, 0x80)));
    }

    @Test
    void hevcFromItsConfigurationRecord() {
        // Main profile, compatibility flags 0x60000000, level 93 (3.1), constraint byte 0xB0
        byte[] hvcc = bytes(1, 0x01, 0x60, 0, 0, 0, 0xb0, 0, 0, 0, 0, 0, 93);
        assertEquals("hvc1.1.6.L93.B0", codec("hevc", UNKNOWN, UNKNOWN, hvcc));
        byte[] main10High = bytes(1, 0x22, 0x20, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 150);
        assertEquals("hvc1.2.4.H150.90", codec("hevc", UNKNOWN, UNKNOWN, main10High));
        assertEquals("hvc1.2.4.L120.B0", codec("hevc", 2, 120, NONE));
    }

    @Test
    void av1FromItsConfigurationRecord() {
        // main profile, level 8 (4.0), main tier, 10-bit
        assertEquals("av01.0.08M.10", codec("av1", UNKNOWN, UNKNOWN, bytes(0x81, 0x08, 0x40, 0)));
        assertEquals("av01.0.04M.08", CodecStrings.of(new CodecParameters("av1", 0, 4, NONE, 8)));
    }

    @Test
    void audioCodecs() {
        assertEquals("mp4a.40.2", codec("aac", 1, UNKNOWN, NONE));
        assertEquals("mp4a.40.2", codec("aac", UNKNOWN, UNKNOWN, bytes(0x11, 0x90)));
        assertEquals("mp4a.40.5", codec("aac", 4, UNKNOWN, NONE));
        assertEquals("mp4a.40.5", codec("aac", UNKNOWN, UNKNOWN, bytes(0x2b, 0x11)));
        assertEquals("mp4a.40.34", codec("mp3", UNKNOWN, UNKNOWN, NONE));
        assertEquals("Opus", codec("opus", UNKNOWN, UNKNOWN, NONE));
        assertEquals("mp4a.a5", codec("ac3", UNKNOWN, UNKNOWN, NONE));
        assertEquals("mp4a.a6", codec("eac3", UNKNOWN, UNKNOWN, NONE));
        assertEquals("fLaC", codec("flac", UNKNOWN, UNKNOWN, NONE));
        assertEquals("alac", codec("alac", UNKNOWN, UNKNOWN, NONE));
    }

    @Test
    void codecsWithoutAStringGiveNull() {
        assertNull(codec("mpeg2video", 4, 8, NONE));
        assertNull(codec("subrip", UNKNOWN, UNKNOWN, NONE));
    }

    @Test
    void fileMimeTypeListsTheCodecsAfterTheExtensionsType() {
        assertEquals("video/x-matroska; codecs=\"avc1.640028, mp4a.40.2\"",
                MimeTypes.withCodecs("mkv", java.util.List.of("avc1.640028", "mp4a.40.2")));
        assertEquals("audio/mp4", MimeTypes.withCodecs("m4a", java.util.List.of()));
        assertNull(MimeTypes.withCodecs("xyz", java.util.List.of("mp4a.40.2")));
    }
}
