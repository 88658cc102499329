package org.kyoo.transcoder.engine.hdr;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT2020;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_IPT_C2;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_UNSPECIFIED;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * What a video stream's pictures are, as far as their light and colours go: the transfer, the
 * colour primaries, matrix and range libav reports ({@code AVCOL_*}), HDR10's light levels and a
 * Dolby Vision record.
 *
 * <p>The headers (what the prober reads) may leave a tag unspecified that the first decoded
 * frame's VUI gives, and a stream may carry its light levels only in SEI: a head builds its
 * filter from {@link #with(AVFrame)}. A stream without a transfer tag is still HDR when it says so
 * otherwise: a Dolby Vision record (its base layer's transfer), or HDR10's light levels on BT.2020
 * primaries (HDR10 is PQ by definition).
 *
 * @param dolbyVision null when the stream has no Dolby Vision configuration record
 */
public record SourceColours(Transfer transfer, int primaries, int matrix, int range, LightLevels light,
                           DolbyVision dolbyVision) {
    /** A stream of BT.709-like SDR pictures with nothing to say about them. */
    public static final SourceColours SDR = new SourceColours(Transfer.SDR, AVCOL_PRI_UNSPECIFIED, AVCOL_SPC_UNSPECIFIED,
            AVCOL_RANGE_UNSPECIFIED, LightLevels.NONE, null);

    /** What a stream's headers say. */
    public static SourceColours of(AVCodecParameters par) {
        return of(par.color_trc(), par.color_primaries(), par.color_space(), par.color_range(), LightLevels.of(par), DolbyVision.of(par));
    }

    /** The headers' word, unspecified tags and missing light levels taken from {@code first}, a decoded frame. */
    public static SourceColours of(AVCodecParameters par, AVFrame first) {
        int trc = par.color_trc() != AVCOL_TRC_UNSPECIFIED ? par.color_trc() : first.color_trc();
        int primaries = par.color_primaries() != AVCOL_PRI_UNSPECIFIED ? par.color_primaries() : first.color_primaries();
        int matrix = par.color_space() != AVCOL_SPC_UNSPECIFIED ? par.color_space() : first.colorspace();
        int range = par.color_range() != AVCOL_RANGE_UNSPECIFIED ? par.color_range() : first.color_range();
        return of(trc, primaries, matrix, range, LightLevels.of(par).or(LightLevels.of(first)), DolbyVision.of(par));
    }

    private static SourceColours of(int trc, int primaries, int matrix, int range, LightLevels light, DolbyVision dv) {
        Transfer transfer = Transfer.of(trc);
        if (trc == AVCOL_TRC_UNSPECIFIED) {
            if (dv != null) transfer = dv.base();
            else if (primaries == AVCOL_PRI_BT2020 && light.known()) transfer = Transfer.PQ;
        }
        return new SourceColours(transfer, primaries, matrix, range, light, dv);
    }

    /** Whether a transcode must tone-map these pictures to show them right in SDR. */
    public boolean isHdr() {
        return transfer.isHdr();
    }

    /** /info's {@code hdr}: {@code DolbyVision}, {@code HDR10}, {@code HLG}, or null for SDR. */
    public String format() {
        if (dolbyVision != null) return "DolbyVision";
        return switch (transfer) {
            case PQ -> "HDR10";
            case HLG -> "HLG";
            case SDR -> null;
        };
    }

    /**
     * The matrix the YUV samples are coded with, for zscale: HDR without a tag is BT.2020's
     * non-constant luminance; Dolby Vision profile 5's IPTPQc2 has no matrix zimg knows, and is read
     * as BT.2020 too (see {@link ToneMapping}: its colours come out shifted).
     */
    int codedMatrix() {
        if (matrix == AVCOL_SPC_UNSPECIFIED || matrix == AVCOL_SPC_IPT_C2) return AVCOL_SPC_BT2020_NCL;
        return matrix;
    }

    /** The primaries, for zscale: HDR without a tag is BT.2020. */
    int codedPrimaries() {
        return primaries == AVCOL_PRI_UNSPECIFIED ? AVCOL_PRI_BT2020 : primaries;
    }
}
