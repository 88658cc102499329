package org.kyoo.transcoder.engine.encoding;

import static org.bytedeco.ffmpeg.global.avutil.av_color_primaries_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_range_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_space_name;
import static org.bytedeco.ffmpeg.global.avutil.av_color_transfer_name;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * The colour tags a transcode's encoder writes in its bitstream (H.264's VUI), libav's
 * {@code AVCOL_*} values: those of the pictures it is given, as the filter graph left them. A
 * tone-mapped HDR source comes out of its graph as BT.709 primaries, transfer and matrix, limited
 * range, and is tagged so; an SDR source keeps its own tags (unspecified stays unspecified, which
 * players read as BT.709 for HD).
 */
public record ColourTags(int primaries, int transfer, int matrix, int range) {
    /** The tags of a filtered picture. */
    public static ColourTags of(AVFrame picture) {
        return new ColourTags(picture.color_primaries(), picture.color_trc(), picture.colorspace(), picture.color_range());
    }

    /** Sets them on an encoder before it opens. */
    public void apply(AVCodecContext encoder) {
        encoder.color_primaries(primaries).color_trc(transfer).colorspace(matrix).color_range(range);
    }

    @Override
    public String toString() {
        return name(av_color_primaries_name(primaries)) + "/" + name(av_color_transfer_name(transfer)) + "/"
                + name(av_color_space_name(matrix)) + "/" + name(av_color_range_name(range));
    }

    private static String name(BytePointer name) {
        return name == null || name.isNull() ? "?" : name.getString();
    }
}
