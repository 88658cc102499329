package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.Quality;

/** CPU decode, libswscale through the {@code scale} filter, libx264 ({@code GOCODER_HWACCEL=disabled}). */
public final class SoftwareProfile implements HardwareProfile {
    @Override
    public String name() {
        return "disabled";
    }

    @Override
    public void configureDecoder(AVCodecContext decoder) {
        // 0: libavcodec picks a thread count from the cores (frame threads add a few frames of latency only)
        decoder.thread_count(0);
    }

    @Override
    public String scaleFilter(int width, int height, boolean frameOnDevice) {
        // we compute an even width keeping the aspect ratio ourselves, so no force_original_aspect_ratio;
        // format=yuv420p forces 8-bit 4:2:0 (10-bit sources would otherwise stay 10-bit, unplayable on many devices)
        return "scale=" + width + ":" + height + ",format=yuv420p";
    }

    @Override
    public boolean encodesOnDevice() {
        return false;
    }

    @Override
    public String encoderName() {
        return "libx264";
    }

    @Override
    public void configureEncoder(AVCodecContext encoder, Quality quality, String preset, AVDictionary options) {
        encoder.bit_rate(quality.averageBitrate());
        encoder.rc_max_rate(quality.maxBitrate());
        // 5 x max: the average only matters over a segment, so let the buffer absorb bursts within one
        encoder.rc_buffer_size((int) Math.min(Integer.MAX_VALUE, quality.maxBitrate() * 5));
        if (preset != null && !preset.isEmpty()) Av.check(av_dict_set(options, "preset", preset, 0), "av_dict_set preset");
        // the master playlist advertises avc1.6400xx: H.264 High
        Av.check(av_dict_set(options, "profile", "high", 0), "av_dict_set profile");
        // scene-cut keyframes would add cut points we did not ask for; segments start where we say only
        Av.check(av_dict_set(options, "sc_threshold", "0", 0), "av_dict_set sc_threshold");
        // an I frame we request becomes an IDR, so each segment decodes on its own
        Av.check(av_dict_set(options, "forced-idr", "1", 0), "av_dict_set forced-idr");
    }

    @Override
    public void forceKeyframe(AVFrame frame) {
        frame.pict_type(AV_PICTURE_TYPE_I);
    }

    @Override
    public void close() {
        // no device
    }
}
