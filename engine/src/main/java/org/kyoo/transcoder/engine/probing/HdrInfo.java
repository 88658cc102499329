package org.kyoo.transcoder.engine.probing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.kyoo.transcoder.engine.hdr.DolbyVision;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.media.MediaInfo;

/** A video stream's HDR as /info reports it. */
final class HdrInfo {
    private HdrInfo() {}

    /**
     * Whether the headers may leave HDR unsaid: 10-bit HEVC or AV1 (HDR10 and HLG need 10 bits) in
     * a container without colour tags keeps its transfer in the bitstream's VUI, which only a decoded
     * frame tells ({@code avformat_find_stream_info} decodes one). Their configuration records
     * (hvcC, av1C) give the bit depth.
     */
    static boolean mayHideHdr(AVCodecParameters par) {
        if (par.color_trc() != AVCOL_TRC_UNSPECIFIED || SourceColours.of(par).isHdr()) return false;
        byte[] ex = new byte[Math.max(par.extradata_size(), 0)];
        if (ex.length > 0 && par.extradata() != null) par.extradata().get(ex);
        if (par.codec_id() == AV_CODEC_ID_HEVC) {
            // hvcC: bitDepthLumaMinus8 in the low 3 bits of byte 17
            return par.bits_per_raw_sample() > 8 || ex.length > 17 && ex[0] == 1 && (ex[17] & 7) > 0;
        }
        if (par.codec_id() == AV_CODEC_ID_AV1) {
            // av1C: high_bitdepth is bit 6 of byte 2
            return par.bits_per_raw_sample() > 8 || ex.length > 2 && (ex[0] & 0xff) == 0x81 && (ex[2] & 0x40) != 0;
        }
        return false;
    }

    /**
     * The original's codec string: Dolby Vision's ({@code dvh1.05.06}) when the base layer is not
     * one other players decode right (profile 5), else the base layer's ({@code hvc1…}), which is
     * what a player without Dolby Vision plays.
     */
    static String codecString(SourceColours colours, String base) {
        DolbyVision dv = colours.dolbyVision();
        return dv != null && !dv.compatibleBase() ? dv.codecString() : base;
    }

    static MediaInfo.DolbyVision dolbyVision(SourceColours colours) {
        DolbyVision dv = colours.dolbyVision();
        return dv == null ? null : new MediaInfo.DolbyVision(dv.profile(), dv.level(), dv.compatibilityName());
    }

    static Integer maxLuminance(SourceColours colours) {
        if (!colours.isHdr()) return null;
        int cll = colours.light().maxCll();
        double mastering = colours.light().masteringMax();
        return cll > 0 ? Integer.valueOf(cll) : mastering > 0 ? Integer.valueOf((int) Math.round(mastering)) : null;
    }
}
