package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterContext;
import org.bytedeco.ffmpeg.avfilter.AVFilterGraph;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.encoding.EncoderSetup;
import org.kyoo.transcoder.engine.encoding.OutputCodec;
import org.kyoo.transcoder.engine.hdr.ToneMap;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.codecs.FilterChain;

/**
 * What the VAAPI, QSV and CUDA profiles share: a device opened once, decoders that decode onto it
 * when they can, a filter graph that scales on it (uploading software frames first), and an
 * encoder that reads device frames. Subclasses only name their formats, filters and options.
 */
abstract class AcceleratedProfile implements HardwareProfile {
    /**
     * What libav calls the parts of one accelerator.
     *
     * @param decodeDeviceType  the device type decoders use ({@code AV_HWDEVICE_TYPE_*})
     * @param decodePixelFormat the pixel format of a decoded frame left in device memory
     * @param encodePixelFormat the pixel format of the frames the encoder reads (the scaler's output)
     * @param scaler            the filter that scales on the device ({@code scale_vaapi})
     * @param encoders          the encoder reading device frames, by the output codec it writes
     */
    record LibavNames(int decodeDeviceType, int decodePixelFormat, int encodePixelFormat, String scaler,
                      Map<OutputCodec, String> encoders) {
        /** The encoder writing {@code codec}; a {@link HardwareProfileException} when the device has none. */
        String encoder(String profile, OutputCodec codec) {
            String encoder = encoders.get(codec);
            if (encoder == null) throw new HardwareProfileException("Hardware profile " + profile + " has no encoder for " + codec + ".");
            return encoder;
        }
    }

    private static final System.Logger LOG = System.getLogger(AcceleratedProfile.class.getName());

    private final String name;
    private final LibavNames libav;
    private final AtomicBoolean turnOnCpuReported = new AtomicBoolean();
    private final HardwareDevice device;
    private final HardwareDevice decodeDevice;
    private final DecoderFormatSelector formatSelector;

    /**
     * @param device       the profile's device: filters upload to it and the encoder reads from it
     * @param decodeDevice the device decoders use (the same one, except QSV's VAAPI child)
     */
    AcceleratedProfile(String name, LibavNames libav, HardwareDevice device, HardwareDevice decodeDevice) {
        this.name = name;
        this.libav = libav;
        this.device = device;
        this.decodeDevice = decodeDevice;
        this.formatSelector = new DecoderFormatSelector(name, libav.decodePixelFormat());
    }

    final int decodeDeviceType() {
        return libav.decodeDeviceType();
    }

    final int decodePixelFormat() {
        return libav.decodePixelFormat();
    }

    /**
     * The loop sets the encoder's pix_fmt and hw_frames_ctx from the filter graph's sink, which
     * holds the pool; this is what the sink gives.
     */
    final int encodePixelFormat() {
        return libav.encodePixelFormat();
    }

    @Override
    public final EncoderSetup encoder(OutputCodec codec) {
        return new DeviceEncoder(libav.encoder(name, codec), codec, this);
    }

    /**
     * Scales device frames to {@code width}x{@code height}, still on the device. format=nv12 on the
     * GPU too: a 10-bit (P010) source comes out 8-bit, which every player decodes; an HDR one stays
     * 10-bit (P010) for its tone mapping.
     */
    private String deviceScaleFilter(int width, int height, ToneMap toSdr) {
        return libav.scaler() + "=" + width + ":" + height + ":format=" + (toSdr == null ? "nv12" : "p010");
    }

    /**
     * The device's filter tone-mapping the scaler's P010 frames to NV12 SDR BT.709 (it reads their
     * HDR metadata itself), or null when this FFmpeg has none for the device: then the scaled
     * frames are downloaded, tone-mapped on the CPU ({@link ToneMap#software}) and uploaded again.
     */
    abstract String toneMapFilter();

    /** Prepares decoded device frames for the scaler; null when they already are on the right device. */
    String mapFilter() {
        return null;
    }

    /**
     * Converts software frames to NV12 on the CPU (the encoders read NV12) and uploads them: the
     * start of the fallback chain.
     */
    String uploadFilter() {
        return "format=nv12,hwupload";
    }

    /** The encoder's own private options for {@code preset} (null or empty when none was configured). */
    abstract void addEncoderOptions(String preset, Map<String, String> options);

    /** Every encoder's options: its own, and the codec's profile, which the master playlist announces (avc1.640028: High). */
    final Map<String, String> encoderOptions(String preset, OutputCodec codec) {
        Map<String, String> options = new LinkedHashMap<>();
        addEncoderOptions(preset, options);
        // NVENC defaults to Main, h264_vaapi and h264_qsv pick from the input.
        options.put("profile", codec.encoderProfile());
        return options;
    }

    @Override
    public final String name() {
        return name;
    }

    /** What the profile opened, for the start-up log. */
    public String deviceDescription() {
        return device.description();
    }

    /** Surfaces the decoder's pool keeps beyond its own needs, for the filters and encoder downstream. */
    static final int EXTRA_DECODER_SURFACES = 6;

    /** {@link #EXTRA_DECODER_SURFACES} unless the device's decoder has reason to keep fewer. */
    int extraDecoderSurfaces() {
        return EXTRA_DECODER_SURFACES;
    }

    @Override
    public void configureDecoder(AVCodecContext decoder) {
        // hw_device_ctx lets libav build the decoder's frame pool on the device once get_format picks it.
        decoder.hw_device_ctx(decodeDevice.newReference());
        decoder.get_format(formatSelector);
        // As the software profile: threads from the cores. libav grows the device frame pool by the
        // thread count, and a stream that falls back to software needs them most.
        decoder.thread_count(0);
        // VAAPI and QSV decode into a pool of fixed size, sized for the decoder's references: the
        // device deinterlacers hold past and future frames and the scaler and encoder one more each,
        // so an interlaced source could starve the decoder of surfaces.
        decoder.extra_hw_frames(extraDecoderSurfaces());
        formatSelector.reportIfNoDevicePath(decoder, decodeDeviceType());
    }

    /**
     * The device's deinterlacer for frames coded as fields, leaving frames flagged progressive as they
     * are (as the software path's bwdif with deint=interlaced).
     */
    abstract String deinterlaceFilter();

    /**
     * The device filter turning frames {@code clockwise} degrees (90, 180 or 270), or null when this
     * FFmpeg has none for the device: then frames are downloaded after scaling, turned on the CPU and
     * uploaded again.
     */
    abstract String turnFilter(int clockwise);

    @Override
    public String scaleFilter(int width, int height, boolean frameOnDevice) {
        return scaleFilter(width, height, frameOnDevice, null);
    }

    @Override
    public String scaleFilter(int width, int height, boolean frameOnDevice, ToneMap toSdr) {
        checkSize(width, height);
        if (toSdr != null && toneMapFilter() == null) {
            // no device tone mapping: frames in memory are scaled and tone-mapped before the upload
            if (frameOnDevice) return deviceFilter(width, height, false, 0, toSdr);
            return toSdr.software(width, height, "nv12") + "," + uploadFilter();
        }
        String scale = deviceScaleFilter(width, height, toSdr) + (toSdr == null ? "" : "," + toneMapFilter());
        // an HDR picture goes up in 10 bits, for the device's tone mapping
        String upload = toSdr == null ? uploadFilter() : uploadFilter().replace("format=nv12", "format=p010le");
        if (!frameOnDevice) return upload + "," + scale;
        return mapFilter() == null ? scale : mapFilter() + "," + scale;
    }

    @Override
    public String deviceFilter(int width, int height, boolean interlaced, int clockwise) {
        return deviceFilter(width, height, interlaced, clockwise, null);
    }

    @Override
    public String deviceFilter(int width, int height, boolean interlaced, int clockwise, ToneMap toSdr) {
        checkSize(width, height);
        if (clockwise != 0 && clockwise != 90 && clockwise != 180 && clockwise != 270) {
            throw new IllegalArgumentException("can only turn by a quarter turn, got " + clockwise);
        }
        List<String> chain = new ArrayList<>();
        if (mapFilter() != null) chain.add(mapFilter());
        // fields are woven before scaling: a scaler mixes the two fields' lines
        if (interlaced) chain.add(deinterlaceFilter());
        String turn = clockwise == 0 ? null : turnFilter(clockwise);
        boolean turnOnCpu = clockwise != 0 && turn == null;
        if (turn != null) chain.add(turn);
        boolean sideways = clockwise == 90 || clockwise == 270;
        // turned after scaling on the CPU: scale to the unturned size, so the download is the small picture
        chain.add(turnOnCpu && sideways ? deviceScaleFilter(height, width, toSdr) : deviceScaleFilter(width, height, toSdr));
        String deviceToneMap = toSdr == null ? null : toneMapFilter();
        if (deviceToneMap != null) chain.add(deviceToneMap);
        boolean toneMapOnCpu = toSdr != null && deviceToneMap == null;
        if (turnOnCpu && turnOnCpuReported.compareAndSet(false, true)) {
            LOG.log(Level.INFO, "{0}: this FFmpeg has no filter turning {1} frames on the device; turned"
                    + " pictures are downloaded after scaling, turned on the CPU and uploaded again", name, name);
        }
        if (turnOnCpu || toneMapOnCpu) {
            // the scaler's output is NV12 (P010 for an HDR picture), which hwdownload hands over as such
            List<String> onCpu = new ArrayList<>(List.of("hwdownload,format=" + (toneMapOnCpu ? "p010le" : "nv12")));
            if (turnOnCpu) onCpu.add(softwareTurn(clockwise));
            if (toneMapOnCpu) onCpu.add(toSdr.software("nv12"));
            onCpu.add(uploadFilter());
            chain.add(String.join(",", onCpu));
        }
        return String.join(",", chain);
    }

    /** The direction names of the {@code transpose} family's {@code dir} (VAAPI) and {@code transpose} (QSV) options. */
    static String transposeDirection(int clockwise) {
        return switch (clockwise) {
            case 90 -> "clock";
            case 180 -> "reversal";
            default -> "cclock";
        };
    }

    private static String softwareTurn(int clockwise) {
        return switch (clockwise) {
            case 90 -> "transpose=clock";
            case 180 -> "hflip,vflip";
            default -> "transpose=cclock";
        };
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("scale target must be positive, got " + width + "x" + height);
        }
        // NV12 halves chroma both ways: the device scalers, transpose and hwupload refuse or crop odd sizes
        if (width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("scale target must be even for NV12, got " + width + "x" + height);
        }
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

    /** The device's encoder of one output codec: reads device frames, takes the profile's options. */
    private record DeviceEncoder(String name, OutputCodec codec, AcceleratedProfile profile) implements EncoderSetup {
        @Override
        public void configure(AVCodecContext context, Quality quality, String preset, AVDictionary options) {
            // The same rate control as the software encoders: average, peak, and a 5x-peak buffer.
            EncoderSetup.rates(context, quality);
            for (Map.Entry<String, String> e : profile.encoderOptions(preset, codec).entrySet()) {
                Av.check(av_dict_set(options, e.getKey(), e.getValue(), 0), "av_dict_set " + e.getKey());
            }
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
