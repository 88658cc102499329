package org.kyoo.transcoder.engine.keyframes;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_INTRA_ONLY;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;

import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;

/**
 * Codecs whose every frame is a keyframe (MJPEG, DV, ProRes, DNxHD): cutting at each would make
 * segments of one frame, too short to hold even one audio frame per segment, and thousands of
 * requests a minute. Their cut points are thinned to one every {@link #SPACING} seconds; other
 * codecs keep every keyframe (their GOPs are what the encoder chose).
 */
public final class IntraOnly {
    /** As the keyframes made up for files without video (SPEC: one every 2 s). */
    public static final double SPACING = 2;

    private IntraOnly() {}

    /** The spacing to keep between cut points for a video of {@code codecId}: 0 for every keyframe. */
    public static double spacing(int codecId) {
        AVCodecDescriptor descriptor = avcodec_descriptor_get(codecId);
        if (descriptor == null || descriptor.isNull()) return 0;
        return (descriptor.props() & AV_CODEC_PROP_INTRA_ONLY) != 0 ? SPACING : 0;
    }

    /** {@code times} with every time closer than {@code spacing} to the one kept before dropped; null stays null. */
    public static double[] thin(double[] times, double spacing) {
        if (times == null || spacing <= 0) return times;
        double[] kept = new double[times.length];
        int n = 0;
        for (double t : times) {
            if (n == 0 || t - kept[n - 1] >= spacing) kept[n++] = t;
        }
        return Arrays.copyOf(kept, n);
    }
}
