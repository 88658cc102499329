package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_CUDA;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NVIDIA (GOCODER_HWACCEL=nvidia): native decoders with the NVDEC hwaccel, {@code scale_cuda},
 * {@code h264_nvenc}, all on the default CUDA device.
 */
public final class CudaProfile extends AcceleratedProfile {
    public static final String NAME = "nvidia";

    CudaProfile(HardwareDevice device) {
        super(NAME, device, device);
    }

    /** Opens the default GPU (CUDA_VISIBLE_DEVICES / NVIDIA_VISIBLE_DEVICES choose which one). */
    public static CudaProfile open() {
        return new CudaProfile(HardwareDevice.open(NAME, AV_HWDEVICE_TYPE_CUDA, null, Map.of(), null,
                "Check that the NVIDIA driver is visible (libcuda.so.1, libnvcuvid.so.1, libnvidia-encode.so.1):"
                        + " in a container, run with --gpus all and NVIDIA_DRIVER_CAPABILITIES=compute,video,utility."));
    }

    @Override
    int decodeDeviceType() {
        return AV_HWDEVICE_TYPE_CUDA;
    }

    @Override
    int decodePixelFormat() {
        return AV_PIX_FMT_CUDA;
    }

    @Override
    int encodePixelFormat() {
        return AV_PIX_FMT_CUDA;
    }

    /** format=nv12 on the GPU: a 10-bit (P010) source comes out 8-bit. */
    @Override
    String deviceScaleFilter(int width, int height) {
        return "scale_cuda=" + width + ":" + height + ":format=nv12";
    }

    @Override
    String uploadFilter() {
        return "format=nv12,hwupload";
    }

    @Override
    public String encoderName() {
        return "h264_nvenc";
    }

    @Override
    Map<String, String> encoderOptions(String preset) {
        Map<String, String> options = new LinkedHashMap<>();
        if (preset != null && !preset.isEmpty()) options.put("preset", EncoderPresets.nvenc(preset));
        // The equivalent of -sc_threshold 0: no I-frames at scene cuts (it acts when lookahead is on).
        options.put("no-scenecut", "1");
        // A frame marked I becomes an IDR (without it, NVENC makes a non-IDR intra frame).
        options.put("forced-idr", "1");
        // NVENC defaults to Main; the master playlist announces High.
        options.put("profile", "high");
        return options;
    }
}
