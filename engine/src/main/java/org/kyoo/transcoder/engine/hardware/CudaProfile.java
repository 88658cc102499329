package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;

import java.util.List;
import java.util.Map;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.encoding.OutputCodec;

/**
 * NVIDIA (GOCODER_HWACCEL=nvidia): native decoders with the NVDEC hwaccel, {@code scale_cuda},
 * {@code h264_nvenc}, all on the default CUDA device.
 */
public final class CudaProfile extends AcceleratedProfile {
    public static final String NAME = "nvidia";
    private static final LibavNames LIBAV =
            new LibavNames(AV_HWDEVICE_TYPE_CUDA, AV_PIX_FMT_CUDA, AV_PIX_FMT_CUDA, "scale_cuda",
                    Map.of(OutputCodec.H264, "h264_nvenc"));
    /** The encoder a transcode opens: the one start-up checks. */
    private static final String ENCODER = LIBAV.encoder(NAME, OutputCodec.TRANSCODED);

    CudaProfile(HardwareDevice device) {
        super(NAME, LIBAV, device, device);
    }

    /**
     * Opens the default GPU (CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES choose which one) and checks
     * that it can encode: h264_nvenc is opened once on a small picture.
     *
     * @throws HardwareProfileException when the device does not open, or has no NVENC
     */
    public static CudaProfile open() {
        HardwareDevice device = openDevice();
        try {
            int rc = EncoderProbe.open(ENCODER, AV_PIX_FMT_NV12, device);
            if (rc < 0) {
                throw new HardwareProfileException(noEncoder(device.description(), rc, NvidiaGpus.models(NvidiaGpus.DRIVER_FOLDER)));
            }
            return new CudaProfile(device);
        } catch (RuntimeException | Error e) {
            // an Error too (a native library that fails to link, memory): the device context must not outlive it
            device.close();
            throw e;
        }
    }

    /**
     * The profile on the default GPU without the encoder check, for diagnostics that report what a GPU
     * without NVENC still does (decoding, filters); a server uses {@link #open()}.
     */
    public static CudaProfile openWithoutEncoderCheck() {
        return new CudaProfile(openDevice());
    }

    private static HardwareDevice openDevice() {
        return HardwareDevice.open(NAME, AV_HWDEVICE_TYPE_CUDA, null, Map.of(), null,
                "Check that the NVIDIA driver is visible (libcuda.so.1, libnvcuvid.so.1, libnvidia-encode.so.1):"
                        + " in a container, run with --gpus all and NVIDIA_DRIVER_CAPABILITIES=compute,video,utility.");
    }

    /**
     * What the bundled FFmpeg's NVENC wants of the driver. Seen on an H200 with driver 580.159
     * (CUDA 13.0): libav logged "Required: 13.1 Found: 13.0" and "minimum required Nvidia driver for
     * nvenc is 610.00", so a card with NVENC on an older driver is refused the same way.
     */
    static final String FFMPEG_NVENC = "8.1 (NVENC API 13.1, NVIDIA driver 610 or newer on Linux)";

    /**
     * The start-up message when the GPU opens but h264_nvenc does not: which encoder, which GPU,
     * libav's words, the likely reasons and what to use instead.
     */
    static String noEncoder(String deviceDescription, int rc, List<String> gpuModels) {
        String gpu = gpuModels.isEmpty() ? "the GPU" : String.join(", ", gpuModels);
        if (rc == EncoderProbe.ENCODER_NOT_FOUND) {
            // not the GPU's fault: the FFmpeg build shipped with the server has no such encoder
            return "Hardware profile " + NAME + " cannot encode: this FFmpeg build has no " + ENCODER
                    + " encoder (" + Av.errorText(rc) + ", libav error " + rc + "), whatever " + gpu + " ("
                    + deviceDescription + ") can do. Use GOCODER_HWACCEL=disabled (libx264 on the CPU), or an"
                    + " FFmpeg build configured with NVENC.";
        }
        return "Hardware profile " + NAME + " cannot encode: " + ENCODER + " does not open on " + gpu
                + " (" + deviceDescription + "): " + Av.errorText(rc) + " (libav error " + rc + ")."
                + " The GPU has no NVENC video encoder (data-centre GPUs such as the A100, H100 and H200 have"
                + " none), or the driver is older than the NVENC API this FFmpeg " + FFMPEG_NVENC
                + " needs (libav's log line above says which it found), or the driver's libnvidia-encode.so.1"
                + " is not visible (in a container, NVIDIA_DRIVER_CAPABILITIES must include video). Use"
                + " GOCODER_HWACCEL=disabled (libx264 on the CPU) on this machine, or a GPU with NVENC (GeForce,"
                + " RTX, Quadro, T4, L4, L40) and a recent enough driver.";
    }

    /**
     * None: NVDEC's pool is its decode surfaces (references + 2, + a thread's worth each), which
     * libav warns past 32 "might cause nvdec to fail"; on many cores a 16-reference stream is close
     * already. bwdif_cuda passed the GPU check (docs/device-checks) without extra surfaces.
     */
    @Override
    int extraDecoderSurfaces() {
        return 0;
    }

    /** bwdif_cuda takes bwdif's options: one frame per frame, field order from the frame, fields only. */
    @Override
    String deinterlaceFilter() {
        return "bwdif_cuda=mode=send_frame:parity=auto:deint=interlaced";
    }

    /** FFmpeg 8.1 has no transpose_cuda (transpose_npp needs the non-free NPP, absent from this build). */
    @Override
    String turnFilter(int clockwise) {
        return null;
    }

    /**
     * None: FFmpeg 8.1 has no CUDA tone mapping ({@code tonemap_cuda} is not in FFmpeg; {@code
     * tonemap_opencl} and {@code libplacebo} are not in this build), so the scaled P010 frames are
     * downloaded, tone-mapped on the CPU at the output's size and uploaded again.
     */
    @Override
    String toneMapFilter() {
        return null;
    }

    @Override
    void addEncoderOptions(String preset, Map<String, String> options) {
        if (preset != null && !preset.isEmpty()) options.put("preset", EncoderPresets.nvenc(preset));
        // The equivalent of -sc_threshold 0: no I-frames at scene cuts (it acts when lookahead is on).
        options.put("no-scenecut", "1");
        // A frame marked I becomes an IDR (without it, NVENC makes a non-IDR intra frame).
        options.put("forced-idr", "1");
    }
}
