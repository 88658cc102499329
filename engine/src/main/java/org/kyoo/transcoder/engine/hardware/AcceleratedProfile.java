package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * What the VAAPI, QSV and CUDA profiles share: a device opened once, decoders that decode onto it
 * when they can, a filter graph that scales on it (uploading software frames first), and an
 * encoder that reads device frames. Subclasses only name their formats, filters and options.
 */
abstract class AcceleratedProfile implements HardwareProfile {
    private final String name;
    private final HardwareDevice device;
    private final HardwareDevice decodeDevice;
    private final DecoderFormatSelector formatSelector;

    /**
     * @param device       the profile's device: filters upload to it and the encoder reads from it
     * @param decodeDevice the device decoders use (the same one, except QSV's VAAPI child)
     */
    AcceleratedProfile(String name, HardwareDevice device, HardwareDevice decodeDevice) {
        this.name = name;
        this.device = device;
        this.decodeDevice = decodeDevice;
        this.formatSelector = new DecoderFormatSelector(name, decodePixelFormat());
    }

    /** The device type decoders use ({@code AV_HWDEVICE_TYPE_*}). */
    abstract int decodeDeviceType();

    /** The pixel format of a decoded frame left in device memory. */
    abstract int decodePixelFormat();

    /**
     * The pixel format of the frames the encoder reads (the scaler's output). The loop sets the
     * encoder's pix_fmt and hw_frames_ctx from the filter graph's sink, which holds the pool.
     */
    abstract int encodePixelFormat();

    /** Scales device frames to {@code width}x{@code height} NV12, still on the device. */
    abstract String deviceScaleFilter(int width, int height);

    /** Prepares decoded device frames for the scaler; null when they already are on the right device. */
    String mapFilter() {
        return null;
    }

    /** Converts software frames to NV12 and uploads them: the start of the fallback chain. */
    abstract String uploadFilter();

    /** The encoder's private options for {@code preset} (null or empty when none was configured). */
    abstract Map<String, String> encoderOptions(String preset);

    @Override
    public final String name() {
        return name;
    }

    /** What the profile opened, for the start-up log. */
    public String deviceDescription() {
        return device.description();
    }

    @Override
    public void configureDecoder(AVCodecContext decoder) {
        // hw_device_ctx lets libav build the decoder's frame pool on the device once get_format picks it.
        decoder.hw_device_ctx(decodeDevice.newReference());
        decoder.get_format(formatSelector);
        // As the software profile: threads from the cores. libav grows the device frame pool by the
        // thread count, and a stream that falls back to software needs them most.
        decoder.thread_count(0);
        formatSelector.reportIfNoDevicePath(decoder, decodeDeviceType());
    }

    @Override
    public String scaleFilter(int width, int height, boolean frameOnDevice) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("scale target must be positive, got " + width + "x" + height);
        }
        String scale = deviceScaleFilter(width, height);
        if (!frameOnDevice) return uploadFilter() + "," + scale;
        return mapFilter() == null ? scale : mapFilter() + "," + scale;
    }

    /**
     * Gives every filter of the graph the profile's device, as ffmpeg's {@code -filter_hw_device}
     * does: {@code hwupload} needs it to know where frames go, and FFmpeg 8 checks that when the
     * filter is initialised. So it must run after the filters are created and before they are
     * initialised: {@link FilterChain#insert} calls it there; {@code avfilter_graph_parse_ptr} leaves
     * no such moment.
     */
    @Override
    public void configureFilters(AVFilterGraph graph) {
        for (int i = 0; i < graph.nb_filters(); i++) {
            AVFilterContext filter = graph.filters(i);
            AVBufferRef current = filter.hw_device_ctx();
            if (current == null || current.isNull()) filter.hw_device_ctx(device.newReference());
        }
    }

    @Override
    public void configureEncoder(AVCodecContext encoder, Quality quality, String preset, AVDictionary options) {
        // The same rate control as the software profile: average, peak, and a 5x-peak buffer.
        encoder.bit_rate(quality.averageBitrate());
        encoder.rc_max_rate(quality.maxBitrate());
        encoder.rc_buffer_size((int) (5 * quality.maxBitrate()));
        for (Map.Entry<String, String> e : encoderOptions(preset).entrySet()) {
            Av.check(av_dict_set(options, e.getKey(), e.getValue(), 0), "av_dict_set " + e.getKey());
        }
    }

    /**
     * An I request: h264_nvenc and h264_qsv turn it into an IDR because of their forced-idr options,
     * h264_vaapi always does (its base encoder starts a new GOP on any frame marked I).
     */
    @Override
    public void forceKeyframe(AVFrame frame) {
        frame.pict_type(AV_PICTURE_TYPE_I);
    }

    @Override
    public void close() {
        if (decodeDevice != device) decodeDevice.close();
        device.close();
        // Decoders are closed before the profile (it lives as long as the server), so no one calls it now.
        formatSelector.deallocate();
    }
}
