package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;

import java.util.Map;
import org.kyoo.transcoder.engine.encoding.OutputCodec;

/**
 * VAAPI on a DRM render node (Intel, AMD): native decoders with the VAAPI hwaccel, {@code scale_vaapi},
 * {@code h264_vaapi}.
 */
public final class VaapiProfile extends AcceleratedProfile {
    public static final String NAME = "vaapi";
    private static final LibavNames LIBAV =
            new LibavNames(AV_HWDEVICE_TYPE_VAAPI, AV_PIX_FMT_VAAPI, AV_PIX_FMT_VAAPI, "scale_vaapi",
                    Map.of(OutputCodec.H264, "h264_vaapi"));

    VaapiProfile(HardwareDevice device) {
        super(NAME, LIBAV, device, device);
    }

    /** Opens {@code renderNode} (GOCODER_VAAPI_RENDERER). */
    public static VaapiProfile open(String renderNode) {
        return new VaapiProfile(HardwareDevice.open(NAME, AV_HWDEVICE_TYPE_VAAPI, renderNode, Map.of(),
                new HardwareDevice.RenderNode(renderNode, HardwareProfiles.VAAPI_RENDERER),
                "Check that the node is readable by this user (group render) and that a VA driver is installed"
                        + " (vainfo --display drm --device " + renderNode + ")."));
    }

    /** The driver's best method; auto=1 leaves frames flagged progressive alone; one frame out per frame in. */
    @Override
    String deinterlaceFilter() {
        return "deinterlace_vaapi=rate=frame:auto=1";
    }

    @Override
    String turnFilter(int clockwise) {
        return "transpose_vaapi=dir=" + transposeDirection(clockwise);
    }

    /**
     * The driver's HDR-to-SDR tone mapping (Intel's VPP: PQ with its mastering metadata in, BT.709
     * NV12 out). Accepted by this build's libav (checked without a device); not yet run on a GPU.
     */
    @Override
    String toneMapFilter() {
        return "tonemap_vaapi=format=nv12:primaries=bt709:transfer=bt709:matrix=bt709";
    }

    /**
     * h264_vaapi has no preset and no scene-cut detection (keyframes come only from the GOP and from
     * frames marked I), so the preset is ignored and only the common options are set.
     */
    @Override
    void addEncoderOptions(String preset, Map<String, String> options) {}
}
