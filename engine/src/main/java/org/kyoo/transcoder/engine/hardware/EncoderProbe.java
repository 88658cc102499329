package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;

/**
 * Opens an encoder once on a small picture and closes it again: whether the hardware behind a
 * device can encode at all. A device that opens does not promise an encoder (NVIDIA's data-centre
 * GPUs decode with NVDEC but have no NVENC), and finding out at the first segment would fail every
 * player instead of the start-up.
 */
final class EncoderProbe {
    /** AVERROR_ENCODER_NOT_FOUND: FFERRTAG(0xF8,'E','N','C'), a macro JavaCPP does not map. */
    static final int ENCODER_NOT_FOUND = -(0xF8 | ('E' << 8) | ('N' << 16) | ('C' << 24));

    private EncoderProbe() {}

    /**
     * Opens {@code encoderName} on a 256x256 picture in {@code pixelFormat} (frames in memory), on
     * {@code device} when it is not null.
     *
     * @return avcodec_open2's code: 0 when the encoder opened, {@link #ENCODER_NOT_FOUND} when this
     *         FFmpeg lacks it, else libav's error (the encoder logs its own reason on stderr)
     */
    static int open(String encoderName, int pixelFormat, HardwareDevice device) {
        Av.load();
        AVCodec codec = avcodec_find_encoder_by_name(encoderName);
        if (codec == null || codec.isNull()) return ENCODER_NOT_FOUND;
        AVCodecContext encoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3 " + encoderName);
        try {
            // small, yet above the smallest picture any H.264 encoder here accepts
            encoder.width(256).height(256).pix_fmt(pixelFormat);
            encoder.time_base(av_make_q(1, 25)).framerate(av_make_q(25, 1));
            encoder.bit_rate(1_000_000);
            if (device != null) encoder.hw_device_ctx(device.newReference());
            return avcodec_open2(encoder, codec, (AVDictionary) null);
        } finally {
            avcodec_free_context(encoder);
        }
    }
}
