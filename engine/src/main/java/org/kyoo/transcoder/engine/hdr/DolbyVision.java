package org.kyoo.transcoder.engine.hdr;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DOVI_CONF;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;

import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;

/**
 * A Dolby Vision configuration record ({@code dvcC}/{@code dvvC} in MP4, a block addition mapping
 * in Matroska, a descriptor in MPEG-TS): which profile, and which picture a player without Dolby
 * Vision decodes from the base layer.
 *
 * @param profile       {@code dv_profile}: 5 (IPTPQc2, no compatible base), 7 (Blu-ray, HDR10
 *                      base plus an enhancement layer), 8 (a compatible base and the RPU)…
 * @param level         {@code dv_level}
 * @param compatibility {@code dv_bl_signal_compatibility_id}: 0 none, 1 HDR10, 2 SDR (BT.709),
 *                      4 HLG, 6 HDR10 (Ultra HD Blu-ray)
 */
public record DolbyVision(int profile, int level, int compatibility) {
    /** The bytes of libav's {@code AVDOVIDecoderConfigurationRecord} (all uint8_t): version major, minor, profile, level, rpu, el, bl, compatibility. */
    static final int RECORD_BYTES = 8;

    /** The record a stream's headers carry ({@code AV_PKT_DATA_DOVI_CONF}), null when none. */
    public static DolbyVision of(AVCodecParameters par) {
        if (par.nb_coded_side_data() <= 0) return null;
        AVPacketSideData side = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), AV_PKT_DATA_DOVI_CONF);
        if (side == null || side.isNull() || side.data() == null || side.size() < RECORD_BYTES) return null;
        byte[] record = new byte[RECORD_BYTES];
        side.data().get(record);
        return of(record);
    }

    /** Reads libav's record; null when it is too short to be one. */
    static DolbyVision of(byte[] record) {
        if (record.length < RECORD_BYTES) return null;
        return new DolbyVision(record[2] & 0xff, record[3] & 0xff, record[7] & 0xff);
    }

    /** Whether a player without Dolby Vision decodes a right picture from the base layer. */
    public boolean compatibleBase() {
        return compatibility == 1 || compatibility == 2 || compatibility == 4 || compatibility == 6;
    }

    /** What the base layer is, in /info's words: {@code HDR10}, {@code SDR}, {@code HLG} or {@code none}. */
    public String compatibilityName() {
        return switch (compatibility) {
            case 1, 6 -> "HDR10";
            case 2 -> "SDR";
            case 4 -> "HLG";
            default -> "none";
        };
    }

    /** How the base layer codes light; profile 5's IPTPQc2 is PQ-coded too. */
    public Transfer base() {
        return switch (compatibility) {
            case 2 -> Transfer.SDR;
            case 4 -> Transfer.HLG;
            default -> Transfer.PQ;
        };
    }

    /** Its RFC 6381 string: {@code dvh1.05.06} (HEVC-based profiles; AV1's profile 10 is {@code dav1}). */
    public String codecString() {
        return String.format(Locale.ROOT, "%s.%02d.%02d", profile == 10 ? "dav1" : "dvh1", profile, level);
    }

    /**
     * The brand HLS's {@code SUPPLEMENTAL-CODECS} pairs with {@link #codecString()} for a base other
     * players decode (Apple's authoring rules: {@code db1p} HDR10, {@code db2g} SDR, {@code db4h}
     * HLG); null when the base is not one of those.
     */
    public String supplementalBrand() {
        return switch (compatibility) {
            case 1 -> "db1p";
            case 2 -> "db2g";
            case 4 -> "db4h";
            default -> null;
        };
    }
}
