package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;

import java.util.Map;

/**
 * NVIDIA (GOCODER_HWACCEL=nvidia): native decoders with the NVDEC hwaccel, {@code scale_cuda},
 * {@code h264_nvenc}, all on the default CUDA device.
 */
public final class CudaProfile extends AcceleratedProfile {
    public static final String NAME = "nvidia";
    private static final LibavNames LIBAV =
            new LibavNames(AV_HWDEVICE_TYPE_CUDA, AV_PIX_FMT_CUDA, AV_PIX_FMT_CUDA, "scale_cuda", "h264_nvenc");

    CudaProfile(HardwareDevice device) {
        super(NAME, LIBAV, device, device);
    }

    /** Opens the default GPU (CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES choose which one). */
    public static CudaProfile open() {
        return new CudaProfile(HardwareDevice.open(NAME, AV_HWDEVICE_TYPE_CUDA, null, Map.of(), null,
                "Check that the NVIDIA driver is visible (libcuda.so.1, libnvcuvid.so.1, libnvidia-encode.so.1):"
                        + " in a container, run with --gpus all and NVIDIA_DRIVER_CAPABILITIES=compute,video,utility."));
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

    @Override
    void addEncoderOptions(String preset, Map<String, String> options) {
        if (preset != null && !preset.isEmpty()) options.put("preset", EncoderPresets.nvenc(preset));
        // The equivalent of -sc_threshold 0: no I-frames at scene cuts (it acts when lookahead is on).
        options.put("no-scenecut", "1");
        // A frame marked I becomes an IDR (without it, NVENC makes a non-IDR intra frame).
        options.put("forced-idr", "1");
    }
}
