package org.kyoo.transcoder.engine.av;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/** Loading of the libav natives and the conventions every call site shares. */
public final class Av {
    /** {@code AVERROR(EAGAIN)} on Linux; a macro, so not mapped by the bindings. */
    public static final int EAGAIN = -11;
    /** {@code AVERROR(ENOMEM)} and {@code AVERROR(EIO)} on Linux, likewise. */
    public static final int ENOMEM = -12;
    public static final int EIO = -5;
    /** {@code AV_FRAME_FLAG_KEY}; built from an expression, so not mapped. */
    public static final int FRAME_FLAG_KEY = 1 << 1;
    /** {@code AVINDEX_KEYFRAME}; not mapped. */
    public static final int INDEX_KEYFRAME = 1;

    private static volatile boolean loaded;

    private Av() {}

    /** Loads the libraries once (first load extracts them to ~/.javacpp/cache) and quiets libav's log. */
    public static void load() {
        if (loaded) return;
        synchronized (Av.class) {
            if (loaded) return;
            Loader.load(avutil.class);
            Loader.load(avcodec.class);
            Loader.load(avformat.class);
            Loader.load(avfilter.class);
            Loader.load(swscale.class);
            Loader.load(swresample.class);
            // Broken input is reported through our exceptions; libav's own chatter would flood the log.
            av_log_set_level(AV_LOG_ERROR);
            loaded = true;
        }
    }

    /** libav's text for an error code. */
    public static String errorText(int code) {
        byte[] buf = new byte[256];
        if (av_strerror(code, buf, buf.length) < 0) return "error " + code;
        int len = 0;
        while (len < buf.length && buf[len] != 0) len++;
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns {@code rc} when it is not negative, else throws an {@link AvException} naming the call. */
    public static int check(int rc, String what) {
        if (rc < 0) throw new AvException(what, rc);
        return rc;
    }

    /** Throws when a libav allocator returned null. */
    public static <T extends org.bytedeco.javacpp.Pointer> T checkAlloc(T p, String what) {
        if (p == null || p.isNull()) throw new AvException(what + ": out of memory", avutil.AVERROR_ENOMEM());
        return p;
    }
}
