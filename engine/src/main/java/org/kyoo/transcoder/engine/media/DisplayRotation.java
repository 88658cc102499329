package org.kyoo.transcoder.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.javacpp.IntPointer;

/**
 * The display matrix phones write (MP4 {@code tkhd}): the picture is stored as the sensor saw it
 * and meant to be shown turned. Only right angles are honoured, as players and the ffmpeg CLI do.
 */
public final class DisplayRotation {
    private DisplayRotation() {}

    /** Clockwise degrees the stored picture must turn to be shown upright: 0, 90, 180 or 270. */
    public static int clockwise(AVCodecParameters par) {
        if (par == null || par.nb_coded_side_data() <= 0) return 0;
        AVPacketSideData side = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (side == null || side.isNull() || side.size() < 9 * 4 || side.data() == null) return 0;
        double counterClockwise = av_display_rotation_get(new IntPointer(side.data()));
        if (Double.isNaN(counterClockwise)) return 0;
        long right = Math.round(-counterClockwise / 90.0);
        return (int) Math.floorMod(right * 90, 360);
    }

    /** Whether the picture is shown with width and height exchanged. */
    public static boolean swapsSides(AVCodecParameters par) {
        int degrees = clockwise(par);
        return degrees == 90 || degrees == 270;
    }
}
