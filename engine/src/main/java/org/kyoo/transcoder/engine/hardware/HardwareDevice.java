package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_create_derived;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_get_type_name;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;

/**
 * Owns one libav hardware device context ({@code AVHWDeviceContext} behind an {@code AVBufferRef}),
 * opened once at start-up and shared by every decoder, filter graph and encoder of a profile. Each
 * user takes its own reference with {@link #newReference()}; closing this drops the owner's one.
 */
public final class HardwareDevice implements AutoCloseable {
    private final String profile;
    private final String description;
    private AVBufferRef context;

    /** Takes ownership of {@code context}; tests wrap an allocated but never opened one. */
    HardwareDevice(String profile, String description, AVBufferRef context) {
        this.profile = profile;
        this.description = description;
        this.context = context;
    }

    /**
     * Opens a device of libav type {@code type} ({@code AV_HWDEVICE_TYPE_*}).
     *
     * @param profile  the profile name, for the error message
     * @param device   the device string handed to libav (a DRM render node, an implementation name,
     *                 or null for the default device)
     * @param options  libav device options (QSV takes its render node as {@code child_device})
     * @param node     the render node a user configured, checked for existence in the error message;
     *                 null when the device is not a file
     * @param hint     what to check when the device (or its existing node) does not open
     * @throws HardwareProfileException naming the profile, the device and libav's error
     */
    public static HardwareDevice open(String profile, int type, String device, Map<String, String> options,
                                      RenderNode node, String hint) {
        Av.load();
        String description = describe(type, device, node);
        AVDictionary dict = new AVDictionary(null);
        AVBufferRef ref = new AVBufferRef(null);
        try {
            for (Map.Entry<String, String> e : options.entrySet()) {
                Av.check(av_dict_set(dict, e.getKey(), e.getValue(), 0), "av_dict_set " + e.getKey());
            }
            int rc = av_hwdevice_ctx_create(ref, type, device, dict, 0);
            if (rc < 0) throw new HardwareProfileException(openFailure(profile, description, node, rc, hint));
            return new HardwareDevice(profile, description, ref);
        } finally {
            av_dict_free(dict);
        }
    }

    /** A device of another type on the same hardware (QSV decodes through a VAAPI child of its device). */
    public HardwareDevice derive(int type) {
        AVBufferRef ref = new AVBufferRef(null);
        int rc = av_hwdevice_ctx_create_derived(ref, type, context(), 0);
        if (rc < 0) {
            throw new HardwareProfileException("Hardware profile " + profile + " cannot derive a "
                    + typeName(type) + " device from " + description + ": " + Av.errorText(rc)
                    + " (libav error " + rc + ")");
        }
        return new HardwareDevice(profile, typeName(type) + " derived from " + description, ref);
    }

    /** A new reference for a codec or filter context, which frees it itself. */
    public synchronized AVBufferRef newReference() {
        return Av.checkAlloc(av_buffer_ref(context()), "av_buffer_ref(hw_device_ctx)");
    }

    /** The owner's reference, borrowed: do not unref it. */
    public synchronized AVBufferRef context() {
        if (context == null) throw new IllegalStateException("hardware device " + description + " is closed");
        return context;
    }

    /** What was opened, e.g. {@code vaapi on /dev/dri/renderD128}. */
    public String description() {
        return description;
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            av_buffer_unref(context);
            context = null;
        }
    }

    static String typeName(int type) {
        var name = av_hwdevice_get_type_name(type);
        return name == null || name.isNull() ? "type " + type : name.getString();
    }

    private static String describe(int type, String device, RenderNode node) {
        String where = node != null ? node.path() : device != null ? device : "the default device";
        return typeName(type) + " on " + where;
    }

    /** The start-up message: which profile, which device, libav's words, then what to check. */
    static String openFailure(String profile, String description, RenderNode node, int rc, String hint) {
        String message = "Hardware profile " + profile + " cannot open its device (" + description + "): "
                + Av.errorText(rc) + " (libav error " + rc + ").";
        if (node != null && !Files.exists(Path.of(node.path()))) {
            return message + " The render node " + node.path() + " does not exist: give the container the GPU"
                    + " (--device /dev/dri) or set " + node.variable() + " to an existing node.";
        }
        return hint.isEmpty() ? message : message + " " + hint;
    }

    /** A DRM render node and the variable that configured it. */
    public record RenderNode(String path, String variable) {}
}
