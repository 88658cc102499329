package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_PROGRESSIVE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_FIELD_UNKNOWN;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.hdr.ToneMap;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.media.DisplayRotation;
import org.kyoo.transcoder.engine.media.DisplaySize;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * What a transcode does to a source picture so that players show it as the source meant it:
 * fields woven into frames (bwdif), the display matrix applied (transpose), non-square pixels made
 * square at the same display aspect. Players honour none of these reliably from an H.264 stream.
 *
 * An HDR source is tone-mapped to SDR BT.709 on the way (players of an H.264 transcode show BT.709).
 *
 * @param clockwise    degrees to turn (0, 90, 180, 270)
 * @param interlaced   the source codes fields (its field order, or the first frame, says so)
 * @param shown        size as shown, in square pixels, after turning (the master playlists announce the same)
 * @param colours      the source's light and colours (its headers, then the first frame's tags)
 */
record PictureShape(int clockwise, boolean interlaced, DisplaySize shown, SourceColours colours) {
    /** AV_FRAME_FLAG_INTERLACED (a macro, not mapped). */
    private static final int FRAME_INTERLACED = 1 << 3;

    static PictureShape of(AVStream stream, AVFrame first) {
        int clockwise = DisplayRotation.clockwise(stream.codecpar());
        int fieldOrder = stream.codecpar().field_order();
        boolean interlaced = (first.flags() & FRAME_INTERLACED) != 0
                || (fieldOrder != AV_FIELD_PROGRESSIVE && fieldOrder != AV_FIELD_UNKNOWN);
        // the container's aspect first, then the codec's (the CLI's rule): the prober reads the same
        AVRational sar = av_guess_sample_aspect_ratio(null, stream, first);
        boolean turned = clockwise == 90 || clockwise == 270;
        return new PictureShape(clockwise, interlaced, DisplaySize.of(first.width(), first.height(), sar, turned),
                SourceColours.of(stream.codecpar(), first));
    }

    /** The way to SDR of an HDR source with {@code mapping}'s curve; null for an SDR one. */
    ToneMap toSdr(ToneMapping mapping) {
        return ToneMap.of(colours, mapping);
    }

    /** The output width at {@code quality}'s height, keeping the display aspect. */
    int widthFor(Quality quality) {
        return shown.widthAt(quality);
    }

    /** The width as shown, rounded to an even number (4:2:0 H.264 has no odd sizes). */
    int evenWidth() {
        return shown.evenWidth();
    }

    /** The height as shown, rounded to an even number. */
    int evenHeight() {
        return shown.evenHeight();
    }

    /**
     * Filters ahead of the profile's scaling, "" when none is needed. bwdif with deint=interlaced
     * leaves frames flagged progressive untouched (a broadcast switching to film keeps its frames).
     */
    String beforeScale() {
        StringBuilder chain = new StringBuilder();
        if (interlaced) chain.append("bwdif=mode=send_frame:parity=auto:deint=interlaced,");
        switch (clockwise) {
            case 90 -> chain.append("transpose=clock,");
            case 180 -> chain.append("hflip,vflip,");
            case 270 -> chain.append("transpose=cclock,");
            default -> { }
        }
        return chain.toString();
    }

    /** After scaling to {@link #widthFor}, pixels are square: say so, or the scaler's rounding leaves a SAR like 1001:1000. */
    String afterScale() {
        return ",setsar=1";
    }
}
