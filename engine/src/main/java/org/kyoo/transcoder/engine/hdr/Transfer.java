package org.kyoo.transcoder.engine.hdr;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_ARIB_STD_B67;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_SMPTE2084;

/**
 * How a picture codes light, in the words of HLS's {@code VIDEO-RANGE}: {@code SDR} (BT.709,
 * BT.1886 and their kin), {@code PQ} (SMPTE ST 2084: HDR10, Dolby Vision) or {@code HLG}
 * (ARIB STD-B67: broadcast and phones).
 */
public enum Transfer {
    SDR, PQ, HLG;

    /** The transfer a libav {@code AVCOL_TRC_*} value codes; anything not HDR, unspecified included, is SDR. */
    public static Transfer of(int colorTransfer) {
        if (colorTransfer == AVCOL_TRC_SMPTE2084) return PQ;
        if (colorTransfer == AVCOL_TRC_ARIB_STD_B67) return HLG;
        return SDR;
    }

    public boolean isHdr() {
        return this != SDR;
    }

    /** zscale's name of this transfer (its {@code tin} value). */
    String zscaleName() {
        return switch (this) {
            case PQ -> "smpte2084";
            case HLG -> "arib-std-b67";
            case SDR -> "bt709";
        };
    }
}
