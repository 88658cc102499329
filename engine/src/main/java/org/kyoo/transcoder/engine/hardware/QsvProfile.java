package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_VAAPI;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_QSV;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_VAAPI;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Intel Quick Sync: {@code scale_qsv} and {@code h264_qsv} on a QSV device opened on a render node.
 * Decoding uses the native decoders' VAAPI hwaccel on the VAAPI device under the QSV one (libav's
 * native decoders have no QSV hwaccel; the separate *_qsv decoders would need another decoder per
 * codec), and {@code hwmap} hands the VAAPI surfaces to QSV without a copy.
 */
public final class QsvProfile extends AcceleratedProfile {
    public static final String NAME = "qsv";

    QsvProfile(HardwareDevice qsv, HardwareDevice vaapiChild) {
        super(NAME, qsv, vaapiChild);
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
        return AV_PIX_FMT_QSV;
    }

    /** Decoded VAAPI surfaces are mapped, not copied, into the QSV device they were derived from. */
    @Override
    String mapFilter() {
        return "hwmap=derive_device=qsv";
    }

    @Override
    String deviceScaleFilter(int width, int height) {
        return "scale_qsv=" + width + ":" + height + ":format=nv12";
    }

    /** QSV needs a fixed-size surface pool: 64 extra frames cover the scaler's and encoder's queues. */
    @Override
    String uploadFilter() {
        return "format=nv12,hwupload=extra_hw_frames=64";
    }

    @Override
    public String encoderName() {
        return "h264_qsv";
    }

    @Override
    Map<String, String> encoderOptions(String preset) {
        Map<String, String> options = new LinkedHashMap<>();
        if (preset != null && !preset.isEmpty()) options.put("preset", EncoderPresets.qsv(preset));
        // A frame marked I becomes an IDR: every segment must start with one.
        options.put("forced_idr", "1");
        // No adaptive I-frames at scene changes (QSV's sc_threshold 0): keyframes only where asked.
        options.put("adaptive_i", "0");
        options.put("profile", "high");
        return options;
    }
}
