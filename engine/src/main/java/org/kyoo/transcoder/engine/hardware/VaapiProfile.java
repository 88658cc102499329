package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * VAAPI on a DRM render node (Intel, AMD): native decoders with the VAAPI hwaccel, {@code scale_vaapi},
 * {@code h264_vaapi}.
 */
public final class VaapiProfile extends AcceleratedProfile {
    public static final String NAME = "vaapi";

    VaapiProfile(HardwareDevice device) {
        super(NAME, device, device);
    }

    /** Opens {@code renderNode} (GOCODER_VAAPI_RENDERER). */
    public static VaapiProfile open(String renderNode) {
        return new VaapiProfile(HardwareDevice.open(NAME, AV_HWDEVICE_TYPE_VAAPI, renderNode, Map.of(),
                new HardwareDevice.RenderNode(renderNode, HardwareProfiles.VAAPI_RENDERER),
                "Check that the node is readable by this user (group render) and that a VA driver is installed"
                        + " (vainfo --display drm --device " + renderNode + ")."));
    }

    @Override
    int decodeDeviceType() {
        return AV_HWDEVICE_TYPE_VAAPI;
    }

    @Override
    int decodePixelFormat() {
        return AV_PIX_FMT_VAAPI;
    }

    @Override
    int encodePixelFormat() {
        return AV_PIX_FMT_VAAPI;
    }

    /** format=nv12 on the GPU too: a 10-bit source comes out 8-bit, which every player decodes. */
    @Override
    String deviceScaleFilter(int width, int height) {
        return "scale_vaapi=" + width + ":" + height + ":format=nv12";
    }

    /** Software frames become NV12 on the CPU (VAAPI encoders read NV12), then go to the GPU. */
    @Override
    String uploadFilter() {
        return "format=nv12,hwupload";
    }

    @Override
    public String encoderName() {
        return "h264_vaapi";
    }

    /**
     * h264_vaapi has no preset and no scene-cut detection (keyframes come only from the GOP and from
     * frames marked I), so the preset is ignored.
     */
    @Override
    Map<String, String> encoderOptions(String preset) {
        Map<String, String> options = new LinkedHashMap<>();
        // H.264 High, the profile the master playlist announces (avc1.640028).
        options.put("profile", "high");
        return options;
    }
}
