package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * The SDR picture HDR fixtures are made from, and what a viewer should see of them: 75 % colour
 * bars over a grey ramp, a skin tone and a full white, in BT.709 (8-bit, limited range), and the
 * conversions between RGB24 and YUV that tests compare pictures with.
 */
public final class HdrPicture {
    /** The bars, left to right, each an eighth of the width, over the top two thirds: RGB24. */
    public static final int[][] BARS = {
            {191, 191, 191}, {191, 191, 0}, {0, 191, 191}, {0, 191, 0}, {191, 0, 191}, {191, 0, 0}, {0, 0, 191}, {0, 0, 0}};
    static final int[] SKIN = {230, 150, 100};

    private HdrPicture() {}

    /** The picture as RGB24, row by row. */
    public static int[] rgb(int width, int height) {
        int[] rgb = new int[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c;
                if (y < height * 2 / 3) {
                    c = BARS[Math.min(x * 8 / width, 7)];
                } else if (x < width / 2) {
                    int v = x * 255 / (width / 2 - 1);
                    c = new int[] {v, v, v};
                } else {
                    c = x < width * 3 / 4 ? SKIN : new int[] {255, 255, 255};
                }
                System.arraycopy(c, 0, rgb, (y * width + x) * 3, 3);
            }
        }
        return rgb;
    }

    /** The picture as the SDR source a camera would give: yuv420p BT.709 limited range, tagged so. The caller frees it. */
    public static AVFrame sdrFrame(int width, int height) {
        Av.load();
        AVFrame rgb = frame(AV_PIX_FMT_RGB24, width, height);
        AVFrame yuv = frame(AV_PIX_FMT_YUV420P, width, height);
        try {
            int[] pixels = rgb(width, height);
            for (int y = 0; y < height; y++) {
                for (int i = 0; i < width * 3; i++) rgb.data(0).put((long) y * rgb.linesize(0) + i, (byte) pixels[y * width * 3 + i]);
            }
            convert(rgb, yuv, false);
            yuv.color_primaries(AVCOL_PRI_BT709).color_trc(AVCOL_TRC_BT709).colorspace(AVCOL_SPC_BT709).color_range(AVCOL_RANGE_MPEG);
            return yuv;
        } catch (RuntimeException e) {
            av_frame_free(yuv);
            throw e;
        } finally {
            av_frame_free(rgb);
        }
    }

    /**
     * A picture as RGB24 the way a player shows it: 8-bit YUV read with BT.709's matrix and limited
     * range (what players assume for untagged HD, and what BT.709-tagged video is).
     */
    public static int[] rgbOf(AVFrame yuv) {
        AVFrame rgb = frame(AV_PIX_FMT_RGB24, yuv.width(), yuv.height());
        try {
            convert(yuv, rgb, true);
            int[] out = new int[yuv.width() * yuv.height() * 3];
            for (int y = 0; y < yuv.height(); y++) {
                for (int i = 0; i < yuv.width() * 3; i++) out[y * yuv.width() * 3 + i] = rgb.data(0).get((long) y * rgb.linesize(0) + i) & 0xff;
            }
            return out;
        } finally {
            av_frame_free(rgb);
        }
    }

    /** Peak signal-to-noise ratio of {@code b} against {@code a} (same size, RGB24), in dB. */
    public static double psnr(int[] a, int[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("pictures of different sizes");
        double squares = 0;
        for (int i = 0; i < a.length; i++) squares += (double) (a[i] - b[i]) * (a[i] - b[i]);
        double mse = squares / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** The RGB24 colour at ({@code x}, {@code y}). */
    public static int[] at(int[] rgb, int width, int x, int y) {
        int i = (y * width + x) * 3;
        return new int[] {rgb[i], rgb[i + 1], rgb[i + 2]};
    }

    private static AVFrame frame(int format, int width, int height) {
        AVFrame f = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        f.format(format).width(width).height(height);
        Av.check(av_frame_get_buffer(f, 0), "av_frame_get_buffer");
        return f;
    }

    /** swscale between RGB24 and 8-bit YUV with BT.709's matrix, limited range on the YUV side. */
    private static void convert(AVFrame from, AVFrame to, boolean fromYuv) {
        SwsContext sws = Av.checkAlloc(sws_getContext(from.width(), from.height(), from.format(), to.width(), to.height(),
                to.format(), SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, null, null, (DoublePointer) null), "sws_getContext");
        try {
            var bt709 = sws_getCoefficients(SWS_CS_ITU709);
            // limited range on the YUV side, full on the RGB side
            Av.check(sws_setColorspaceDetails(sws, bt709, fromYuv ? 0 : 1, bt709, fromYuv ? 1 : 0, 0, 1 << 16, 1 << 16),
                    "sws_setColorspaceDetails");
            Av.check(sws_scale(sws, from.data(), from.linesize(), 0, from.height(), to.data(), to.linesize()), "sws_scale");
        } finally {
            sws_freeContext(sws);
        }
    }
}
