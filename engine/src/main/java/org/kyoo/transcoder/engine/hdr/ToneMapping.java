package org.kyoo.transcoder.engine.hdr;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT2020;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT2020_NCL;
import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;

/**
 * How an HDR picture becomes SDR BT.709 in software (GOCODER_TONEMAP): libavfilter's
 * {@code zscale} (zimg) to linear light on BT.709 primaries, the {@code tonemap} filter's curve
 * squeezing the picture's peak into SDR's range, and {@code zscale} back to BT.709's transfer.
 *
 * <p>Linear 1.0 is HDR's reference white (203 cd/m², BT.2408), where SDR white sits in PQ and HLG.
 * The curve's default is {@code mobius}: the nearest this build has to BT.2390 (which only
 * {@code tonemap_opencl} and {@code libplacebo} have, neither built): it keeps what SDR can show
 * as it is and rolls off only the highlights above, where {@code hable} darkens the whole picture
 * (reference white comes out at 62 % under a 1 000 cd/m² peak, at 82 % under {@code mobius}). The peak is the
 * stream's own (MaxCLL, else the mastering display's), so a picture with little above SDR white
 * is barely touched; {@code desat=0} leaves bright colours saturated (the filter's default pulls
 * everything above 200 cd/m² towards grey).
 *
 * <p>Every zscale names its input and output tags: zscale's "input" default means the frame's
 * own tag, so a frame without one would find "no path between colorspaces".
 *
 * @param curve one of {@link #CURVES}
 */
public record ToneMapping(String curve) {
    /** The {@code tonemap} filter's curves, the words GOCODER_TONEMAP takes. */
    public static final List<String> CURVES = List.of("mobius", "hable", "reinhard", "clip", "linear", "gamma");
    public static final ToneMapping DEFAULT = new ToneMapping("mobius");
    /** zscale's primaries names ({@code p}, {@code pin}); a libav name outside them is read as BT.2020. */
    private static final Set<String> ZSCALE_PRIMARIES = Set.of("bt709", "bt470m", "bt470bg", "smpte170m", "smpte240m",
            "film", "bt2020", "smpte428", "smpte431", "smpte432", "jedec-p22", "ebu3213");
    /** zscale's matrix names ({@code m}, {@code min}); a libav name outside them is read as BT.2020's. */
    private static final Set<String> ZSCALE_MATRICES = Set.of("bt709", "fcc", "bt470bg", "smpte170m", "smpte240m",
            "ycgco", "bt2020nc", "bt2020c", "chroma-derived-nc", "chroma-derived-c", "ictcp");

    public ToneMapping {
        if (!CURVES.contains(curve)) {
            throw new IllegalArgumentException("unknown tone-mapping curve " + curve + ", expected one of " + String.join(", ", CURVES));
        }
    }

    /**
     * Scales {@code source}'s pictures to {@code width}x{@code height} and tone-maps them to SDR
     * BT.709, limited range, in {@code pixelFormat}. zimg resizes before it converts when it
     * shrinks the picture, so the float work is done at the output's size.
     */
    public String software(SourceColours source, int width, int height, String pixelFormat) {
        return toLinear(source, "w=" + width + ":h=" + height + ":f=bicubic:") + "," + toSdr(source, pixelFormat);
    }

    /** As {@link #software(SourceColours, int, int, String)} at the pictures' own size (they were scaled before). */
    public String software(SourceColours source, String pixelFormat) {
        return toLinear(source, "") + "," + toSdr(source, pixelFormat);
    }

    /** To linear light in BT.709's primaries, floats (what the tonemap filter works on); reference white is 1.0. */
    private static String toLinear(SourceColours source, String size) {
        return "zscale=" + size + "tin=" + source.transfer().zscaleName() + ":pin=" + primaries(source)
                + ":min=" + matrix(source) + ":rin=" + (source.range() == AVCOL_RANGE_JPEG ? "pc" : "tv")
                + ":t=linear:p=bt709:m=bt709:r=pc:npl=" + (int) LightLevels.SDR_WHITE + ",format=gbrpf32le";
    }

    private String toSdr(SourceColours source, String pixelFormat) {
        double peak = source.light().peak() / LightLevels.SDR_WHITE;
        return "tonemap=tonemap=" + curve + ":desat=0:peak=" + String.format(Locale.ROOT, "%.4f", peak)
                + ",zscale=tin=linear:pin=bt709:min=bt709:rin=pc:t=bt709:p=bt709:m=bt709:r=tv,format=" + pixelFormat;
    }

    private static String primaries(SourceColours source) {
        String name = name(av_color_primaries_name(source.codedPrimaries()));
        return ZSCALE_PRIMARIES.contains(name) ? name : name(av_color_primaries_name(AVCOL_PRI_BT2020));
    }

    private static String matrix(SourceColours source) {
        String name = name(av_color_space_name(source.codedMatrix()));
        return ZSCALE_MATRICES.contains(name) ? name : name(av_color_space_name(AVCOL_SPC_BT2020_NCL));
    }

    private static String name(BytePointer name) {
        return name == null || name.isNull() ? "" : name.getString();
    }

    /**
     * What a head should say about {@code source} once, null when nothing: Dolby Vision profile 5
     * has no base layer other players decode (its IPTPQc2 pictures need the RPU's reshaping, which
     * this FFmpeg build cannot apply), so it is tone-mapped as if it were PQ BT.2020 and its
     * colours come out shifted (greenish or purple); its luminance is about right.
     */
    public static String caveat(SourceColours source) {
        DolbyVision dv = source.dolbyVision();
        if (dv == null || dv.compatibleBase()) return null;
        return "Dolby Vision profile " + dv.profile() + " has no base layer other players decode; transcodes read"
                + " its IPTPQc2 pictures as PQ BT.2020 (this FFmpeg build cannot apply the RPU's reshaping), so"
                + " their colours are shifted";
    }
}
