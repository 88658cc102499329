package org.kyoo.transcoder.engine.encoding;

import java.util.List;

/** H.264 High, by libx264 on the CPU: what every player decodes. */
final class H264Output implements OutputCodec {
    /** The encoders' profile option: High, which the codec string announces (profile_idc 100 = 0x64). */
    static final String PROFILE = "high";
    /** avc1, profile_idc 0x64 (High), no constraint flags: the level is left out when comparing with a source. */
    private static final String HIGH_PREFIX = "avc1.6400";
    /** Level 4.0 (0x28), as the original announced for every transcode. */
    private static final String CODEC_STRING = HIGH_PREFIX + "28";

    private final X264 software = new X264();

    @Override
    public String codecString() {
        return CODEC_STRING;
    }

    @Override
    public boolean sameProfile(String codecString) {
        return codecString != null && codecString.startsWith(HIGH_PREFIX);
    }

    @Override
    public String encoderProfile() {
        return PROFILE;
    }

    @Override
    public EncoderSetup softwareEncoder() {
        return software;
    }

    @Override
    public List<String> softwarePresets() {
        return X264.PRESETS;
    }

    @Override
    public String toString() {
        return "H.264 High";
    }
}
