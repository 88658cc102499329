package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_hw_config;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_HWACCEL;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecHWConfig;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.javacpp.IntPointer;

/**
 * The decoders' {@code get_format} callback: takes the device's pixel format when the decoder offers
 * it (frames then stay on the device), else the first software format, and says once per kind of
 * stream that it decodes in software (the filter graph then uploads).
 *
 * <p>Decoders without a hwaccel for the device never call it (see {@link #hasDevicePath}). Those that
 * have one offer the device format whenever their hwaccel is built, even for streams the hardware
 * may lack (FFmpeg 8.1 offers VAAPI and CUDA for H.264 High 10, which NVDEC cannot decode); when
 * the device then refuses the stream, libav drops that format and asks again, and the software
 * answer covers it. One instance serves every decoder of a profile and lives as long as the profile: JavaCPP
 * allows only 10 live callbacks of a class, and a collected callback crashes the JVM when called.
 */
class DecoderFormatSelector extends AVCodecContext.Get_format_AVCodecContext_IntPointer {
    private static final System.Logger LOG = System.getLogger(DecoderFormatSelector.class.getName());
    /** Bounds the memory of what was logged on a server that runs for months. */
    private static final int MAX_REMEMBERED = 1_000;

    /** The decoder's pixel format, and whether it is the device's (frames stay in device memory). */
    record Choice(int pixelFormat, boolean onDevice) {}

    private final String profile;
    private final int devicePixelFormat;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    DecoderFormatSelector(String profile, int devicePixelFormat) {
        this.profile = profile;
        this.devicePixelFormat = devicePixelFormat;
    }

    /**
     * The pure decision: the device format when offered, else the first software format, else
     * {@code AV_PIX_FMT_NONE} (libav then fails the decoder with a clear error).
     */
    static Choice choose(int[] offered, int devicePixelFormat) {
        for (int f : offered) if (f == devicePixelFormat) return new Choice(f, true);
        for (int f : offered) if (!isHardware(f)) return new Choice(f, false);
        return new Choice(AV_PIX_FMT_NONE, false);
    }

    /** Whether {@code codec}'s decoder can use a device of {@code deviceType} at all. */
    static boolean hasDevicePath(AVCodec codec, int deviceType) {
        for (int i = 0; ; i++) {
            AVCodecHWConfig config = avcodec_get_hw_config(codec, i);
            if (config == null || config.isNull()) return false;
            if (config.device_type() == deviceType && (config.methods() & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) != 0) {
                return true;
            }
        }
    }

    /** Called when a decoder is configured: a codec with no device path is reported now, as get_format never runs. */
    void reportIfNoDevicePath(AVCodecContext decoder, int deviceType) {
        AVCodec codec = decoder.codec();
        if (codec != null && !codec.isNull() && !hasDevicePath(codec, deviceType)) {
            reportSoftwareDecode(codec.name().getString() + " (no " + HardwareDevice.typeName(deviceType) + " decoder)");
        }
    }

    static boolean isHardware(int pixelFormat) {
        AVPixFmtDescriptor desc = av_pix_fmt_desc_get(pixelFormat);
        return desc != null && !desc.isNull() && (desc.flags() & AV_PIX_FMT_FLAG_HWACCEL) != 0;
    }

    /** The {@code AV_PIX_FMT_NONE}-terminated list libav hands to {@code get_format}. */
    static int[] offered(IntPointer formats) {
        List<Integer> list = new ArrayList<>();
        for (long i = 0; formats.get(i) != AV_PIX_FMT_NONE; i++) list.add(formats.get(i));
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int call(AVCodecContext decoder, IntPointer formats) {
        // An exception must not cross back into libav: answer "none" and let the decoder fail cleanly.
        try {
            Choice choice = choose(offered(formats), devicePixelFormat);
            if (!choice.onDevice()) reportSoftwareDecode(describe(decoder));
            return choice.pixelFormat();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "get_format failed in hardware profile " + profile, t);
            return AV_PIX_FMT_NONE;
        }
    }

    /** Logs the fallback the first time this kind of stream meets it; true when it logged. */
    boolean reportSoftwareDecode(String stream) {
        if (reported.size() >= MAX_REMEMBERED) reported.clear();
        if (!reported.add(stream)) return false;
        LOG.log(Level.INFO, "Hardware profile {0} cannot decode {1} on the device: decoding in software"
                + " and uploading frames before scaling", profile, stream);
        return true;
    }

    /** e.g. {@code h264 yuv420p10le 1920x1080 (profile 110)}. */
    static String describe(AVCodecContext decoder) {
        return avcodec_get_name(decoder.codec_id()).getString() + " " + pixelFormatName(decoder.sw_pix_fmt())
                + " " + decoder.width() + "x" + decoder.height() + " (profile " + decoder.profile() + ")";
    }

    static String pixelFormatName(int pixelFormat) {
        var name = av_get_pix_fmt_name(pixelFormat);
        return name == null || name.isNull() ? "pix_fmt " + pixelFormat : name.getString();
    }
}
