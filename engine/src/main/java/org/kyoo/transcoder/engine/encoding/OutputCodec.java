package org.kyoo.transcoder.engine.encoding;

import java.util.List;

/**
 * What a transcode's video is written as: a codec and profile, the string that tells players so,
 * and its encoder on the CPU. Each hardware profile names its own encoder per output codec
 * ({@link VideoEncoders#encoder}), so another output (HEVC, AV1) is one more implementation and a
 * line per profile.
 */
public interface OutputCodec {
    /** H.264 High, announced at level 4.0. */
    OutputCodec H264 = new H264Output();
    /** What every transcode writes: the playlists announce it, the encoders write it. */
    OutputCodec TRANSCODED = H264;

    /** The RFC 6381 string a transcode's variant announces ({@code avc1.640028}). */
    String codecString();

    /**
     * Whether a stream announced as {@code codecString} (RFC 6381; null when unknown) is in this
     * codec and profile, whatever its level: its original plays wherever a transcode would.
     */
    boolean sameProfile(String codecString);

    /** The value of the encoders' {@code profile} option that writes what {@link #codecString()} announces. */
    String encoderProfile();

    /** Its encoder on the CPU (GOCODER_HWACCEL=disabled). */
    EncoderSetup softwareEncoder();

    /**
     * The software encoder's preset names, the words of GOCODER_PRESET and the start-up and load
     * presets (device encoders map them to their own).
     */
    List<String> softwarePresets();
}
