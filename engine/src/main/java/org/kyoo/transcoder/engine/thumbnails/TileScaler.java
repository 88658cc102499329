package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_UNSPECIFIED;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_HWACCEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.kyoo.transcoder.engine.av.Av;

/** Scales decoded pictures of any format and size down to one RGB tile with swscale. */
final class TileScaler implements AutoCloseable {
    private final AVFrame tile;
    private SwsContext context;
    private int sourceWidth;
    private int sourceHeight;
    private int sourceFormat = -1;

    TileScaler(int width, int height) {
        tile = RgbFrames.allocate(width, height);
    }

    /**
     * Scales {@code picture} into the tile and returns it (owned by this scaler), or null for a
     * picture swscale cannot take (unknown or hardware format: its asserts would abort the JVM).
     */
    AVFrame scale(AVFrame picture) {
        int format = picture.format();
        AVPixFmtDescriptor descriptor = format < 0 ? null : av_pix_fmt_desc_get(format);
        if (descriptor == null || descriptor.isNull() || (descriptor.flags() & AV_PIX_FMT_FLAG_HWACCEL) != 0
                || picture.width() <= 0 || picture.height() <= 0) {
            return null;
        }
        if (context == null || format != sourceFormat || picture.width() != sourceWidth || picture.height() != sourceHeight) {
            // Bicubic keeps the small tile sharp; the cost is negligible at 150 pictures.
            context = sws_getCachedContext(context, picture.width(), picture.height(), format,
                    tile.width(), tile.height(), AV_PIX_FMT_RGB24, SWS_BICUBIC, null, null, (DoublePointer) null);
            Av.checkAlloc(context, "sws_getCachedContext");
            sourceFormat = format;
            sourceWidth = picture.width();
            sourceHeight = picture.height();
            if ((descriptor.flags() & AV_PIX_FMT_FLAG_RGB) == 0) useColorspaceOf(picture, format);
        }
        Av.check(sws_scale(context, picture.data(), picture.linesize(), 0, picture.height(), tile.data(), tile.linesize()),
                "sws_scale");
        return tile;
    }

    /**
     * swscale converts with BT.601 unless told otherwise; HD video is BT.709, and untagged HD is
     * assumed so, as players do, so tiles keep the colours the player shows.
     */
    private void useColorspaceOf(AVFrame picture, int format) {
        int colorspace = picture.colorspace();
        if (colorspace == AVCOL_SPC_UNSPECIFIED) colorspace = picture.height() >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601;
        boolean fullRange = picture.color_range() == AVCOL_RANGE_JPEG
                || format == AV_PIX_FMT_YUVJ420P || format == AV_PIX_FMT_YUVJ422P || format == AV_PIX_FMT_YUVJ444P;
        // Brightness 0, contrast and saturation 1.0 in 16.16 fixed point: the defaults. A refusal
        // (a format swscale has no matrix for) leaves its defaults: slightly off colours, not an error.
        sws_setColorspaceDetails(context, sws_getCoefficients(colorspace), fullRange ? 1 : 0,
                sws_getCoefficients(SWS_CS_ITU601), 1, 0, 1 << 16, 1 << 16);
    }

    @Override
    public void close() {
        if (context != null) sws_freeContext(context);
        av_frame_free(tile);
        context = null;
    }
}
