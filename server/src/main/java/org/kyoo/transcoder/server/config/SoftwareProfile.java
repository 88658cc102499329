package org.kyoo.transcoder.server.config;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * Software decode, swscale and libx264: a stand-in until the engine's hardware package provides
 * its own software profile (then {@link HardwareProfiles} uses that one and this class goes).
 */
final class SoftwareProfile implements HardwareProfile {
    /** H.264 High, what the master playlist announces (avc1.6400xx). */
    private static final int PROFILE_H264_HIGH = 100;

    @Override
    public String name() {
        return "disabled";
    }

    @Override
    public void configureDecoder(AVCodecContext decoder) {
        // frames stay in system memory: nothing to attach
    }

    @Override
    public String scaleFilter(int width, int height, boolean frameOnDevice) {
        // 8-bit 4:2:0, what every H.264 High decoder plays
        return "scale=" + width + ":" + height + ",format=yuv420p";
    }

    @Override
    public String encoderName() {
        return "libx264";
    }

    @Override
    public void configureEncoder(AVCodecContext encoder, Quality quality, String preset, AVDictionary options) {
        encoder.pix_fmt(avutil.AV_PIX_FMT_YUV420P);
        encoder.profile(PROFILE_H264_HIGH);
        encoder.bit_rate(quality.averageBitrate());
        encoder.rc_max_rate(quality.maxBitrate());
        // 5 × max, as the original: room for the I-frame starting every segment
        encoder.rc_buffer_size((int) Math.min(Integer.MAX_VALUE, 5 * quality.maxBitrate()));
        if (preset != null) avutil.av_dict_set(options, "preset", preset, 0);
        // scene-cut keyframes would put cuts where the shared segment boundaries are not
        avutil.av_dict_set(options, "sc_threshold", "0", 0);
        // a forced I frame must be an IDR so every segment can be decoded on its own
        avutil.av_dict_set(options, "forced-idr", "1", 0);
    }

    @Override
    public void forceKeyframe(AVFrame frame) {
        frame.pict_type(avutil.AV_PICTURE_TYPE_I);
    }

    @Override
    public void close() {
        // no device
    }
}
