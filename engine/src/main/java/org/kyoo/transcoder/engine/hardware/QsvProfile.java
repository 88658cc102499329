package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;

import java.util.Map;
import org.kyoo.transcoder.engine.encoding.OutputCodec;

/**
 * Intel Quick Sync: {@code scale_qsv} and {@code h264_qsv} on a QSV device opened on a render node.
 * Decoding uses the native decoders' VAAPI hwaccel on the VAAPI device under the QSV one (libav's
 * native decoders have no QSV hwaccel; the separate *_qsv decoders would need another decoder per
 * codec), and {@code hwmap} hands the VAAPI surfaces to QSV without a copy.
 */
public final class QsvProfile extends AcceleratedProfile {
    public static final String NAME = "qsv";
    private static final LibavNames LIBAV =
            new LibavNames(AV_HWDEVICE_TYPE_VAAPI, AV_PIX_FMT_VAAPI, AV_PIX_FMT_QSV, "scale_qsv",
                    Map.of(OutputCodec.H264, "h264_qsv"));

    QsvProfile(HardwareDevice qsv, HardwareDevice vaapiChild) {
        super(NAME, LIBAV, qsv, vaapiChild);
    }

    /** Opens a QSV device whose child VAAPI device is {@code renderNode} (GOCODER_QSV_RENDERER). */
    public static QsvProfile open(String renderNode) {
        // As ffmpeg's -qsv_device: any hardware implementation, on the VAAPI display of that node.
        HardwareDevice qsv = HardwareDevice.open(NAME, AV_HWDEVICE_TYPE_QSV, "hw_any",
                Map.of("child_device", renderNode),
                new HardwareDevice.RenderNode(renderNode, HardwareProfiles.QSV_RENDERER),
                "Check that the node is an Intel GPU readable by this user (group render), with the iHD VA"
                        + " driver and the Media SDK runtime (libmfxhw64.so.1) installed.");
        try {
            return new QsvProfile(qsv, qsv.derive(AV_HWDEVICE_TYPE_VAAPI));
        } catch (RuntimeException e) {
            qsv.close();
            throw e;
        }
    }

    /** Decoded VAAPI surfaces are mapped, not copied, into the QSV device they were derived from. */
    @Override
    String mapFilter() {
        return "hwmap=derive_device=qsv";
    }

    /** QSV needs a fixed-size surface pool: 64 extra frames cover the scaler's and encoder's queues. */
    @Override
    String uploadFilter() {
        return "format=nv12,hwupload=extra_hw_frames=64";
    }

    /** Motion-adaptive deinterlacing in the GPU's video processor. */
    @Override
    String deinterlaceFilter() {
        return "deinterlace_qsv=mode=advanced";
    }

    @Override
    String turnFilter(int clockwise) {
        return "vpp_qsv=transpose=" + transposeDirection(clockwise);
    }

    /**
     * The video processor's tone mapping ({@code tonemap=1} acts on frames carrying HDR metadata),
     * to NV12 BT.709. Accepted by this build's libav (checked without a device); not yet run on a GPU.
     */
    @Override
    String toneMapFilter() {
        return "vpp_qsv=tonemap=1:format=nv12:out_color_matrix=bt709:out_color_primaries=bt709:out_color_transfer=bt709";
    }

    @Override
    void addEncoderOptions(String preset, Map<String, String> options) {
        if (preset != null && !preset.isEmpty()) options.put("preset", EncoderPresets.qsv(preset));
        // A frame marked I becomes an IDR: every segment must start with one.
        options.put("forced_idr", "1");
        // No adaptive I-frames at scene changes (QSV's sc_threshold 0): keyframes only where asked.
        options.put("adaptive_i", "0");
    }
}
