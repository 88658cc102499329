package org.kyoo.transcoder.engine.hdr;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_CONTENT_LIGHT_LEVEL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_MASTERING_DISPLAY_METADATA;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_CONTENT_LIGHT_LEVEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_FRAME_DATA_MASTERING_DISPLAY_METADATA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_side_data;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avutil.AVContentLightMetadata;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVFrameSideData;
import org.bytedeco.ffmpeg.avutil.AVMasteringDisplayMetadata;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.Pointer;

/**
 * HDR10's static metadata: the content light level (SMPTE ST 2086's companion, CTA-861.3) and the
 * mastering display's luminance, each 0 when the stream does not say.
 *
 * @param maxCll       brightest pixel of the whole programme, cd/m²
 * @param maxFall      brightest frame average, cd/m²
 * @param masteringMax the mastering display's peak, cd/m²
 */
public record LightLevels(int maxCll, int maxFall, double masteringMax) {
    public static final LightLevels NONE = new LightLevels(0, 0, 0);
    /** BT.2100's nominal HLG display, and the peak most PQ films are graded for. */
    static final double NOMINAL_PEAK = 1000;
    /**
     * HDR's reference white, cd/m², which SDR white becomes (BT.2408: PQ's 58 %, HLG's 75 %): the
     * tone-mapping chain's linear 1.0 (zscale's {@code npl}), so what SDR can show maps back as it was.
     */
    static final double SDR_WHITE = 203;

    /** What a stream's headers carry ({@code coded_side_data}: Matroska's Colour element, MP4's mdcv and clli). */
    static LightLevels of(AVCodecParameters par) {
        int count = par.nb_coded_side_data();
        if (count <= 0) return NONE;
        return read(packetData(par, AV_PKT_DATA_CONTENT_LIGHT_LEVEL), packetData(par, AV_PKT_DATA_MASTERING_DISPLAY_METADATA));
    }

    /** What a decoded frame carries (the codec's SEI, or the headers' copy the decoder attaches). */
    static LightLevels of(AVFrame frame) {
        return read(frameData(frame, AV_FRAME_DATA_CONTENT_LIGHT_LEVEL), frameData(frame, AV_FRAME_DATA_MASTERING_DISPLAY_METADATA));
    }

    private static Pointer packetData(AVCodecParameters par, int type) {
        AVPacketSideData side = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(), type);
        return side == null || side.isNull() || side.data() == null || side.data().isNull() ? null : side.data();
    }

    private static Pointer frameData(AVFrame frame, int type) {
        AVFrameSideData side = av_frame_get_side_data(frame, type);
        return side == null || side.isNull() || side.data() == null || side.data().isNull() ? null : side.data();
    }

    private static LightLevels read(Pointer light, Pointer mastering) {
        int cll = 0, fall = 0;
        double peak = 0;
        if (light != null) {
            AVContentLightMetadata levels = new AVContentLightMetadata(light);
            cll = Math.max(levels.MaxCLL(), 0);
            fall = Math.max(levels.MaxFALL(), 0);
        }
        if (mastering != null) {
            AVMasteringDisplayMetadata display = new AVMasteringDisplayMetadata(mastering);
            AVRational max = display.max_luminance();
            if (display.has_luminance() != 0 && max.den() > 0 && max.num() > 0) peak = (double) max.num() / max.den();
        }
        return new LightLevels(cll, fall, peak);
    }

    /** These levels, each missing one taken from {@code other}. */
    LightLevels or(LightLevels other) {
        return new LightLevels(maxCll > 0 ? maxCll : other.maxCll, maxFall > 0 ? maxFall : other.maxFall,
                masteringMax > 0 ? masteringMax : other.masteringMax);
    }

    boolean known() {
        return maxCll > 0 || masteringMax > 0;
    }

    /**
     * The brightest light the picture holds, cd/m²: its MaxCLL, else its mastering display's peak,
     * else the nominal 1 000; never below SDR white (nothing then needs compressing).
     */
    public double peak() {
        double peak = maxCll > 0 ? maxCll : masteringMax > 0 ? masteringMax : NOMINAL_PEAK;
        return Math.max(peak, SDR_WHITE);
    }
}
