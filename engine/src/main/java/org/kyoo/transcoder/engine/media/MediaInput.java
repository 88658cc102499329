package org.kyoo.transcoder.engine.media;

import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * One opened demuxer over a file: {@code avformat_open_input} on creation, {@code
 * avformat_close_input} on close. Opening failures become {@link MediaException}s saying why.
 */
public final class MediaInput implements AutoCloseable {
    private static final int ENOENT = -2;
    private static final int EACCES = -13;

    private final Path path;
    private AVFormatContext context;

    private MediaInput(Path path, AVFormatContext context) {
        this.path = path;
        this.context = context;
    }

    /** Opens the file and reads its headers only (no {@code avformat_find_stream_info}). */
    public static MediaInput open(Path path) {
        Av.load();
        checkReadable(path);
        AVFormatContext context = new AVFormatContext(null);
        // UTF-8 bytes: JavaCPP's String overload would use the platform charset for non-ASCII names.
        try (BytePointer url = new BytePointer(path.toString(), java.nio.charset.StandardCharsets.UTF_8)) {
            int rc = avformat_open_input(context, url, null, null);
            // On failure avformat_open_input has freed the context itself.
            if (rc < 0) throw openFailure(path, rc);
        }
        return new MediaInput(path, context);
    }

    private static void checkReadable(Path path) {
        if (!Files.exists(path)) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "File does not exist: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Not a regular file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Permission denied: " + path);
        }
        try {
            if (Files.size(path) == 0) {
                throw new MediaException(MediaException.Kind.NOT_MEDIA, "Not a media file (empty): " + path);
            }
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static MediaException openFailure(Path path, int rc) {
        String reason = Av.errorText(rc);
        if (rc == AVERROR_INVALIDDATA || rc == AVERROR_EOF) {
            // No demuxer recognised it, or one did but its headers are missing (an MP4 cut before its moov).
            return new MediaException(MediaException.Kind.NOT_MEDIA,
                    "Not a media file, or damaged beyond use (" + reason + "): " + path);
        }
        if (rc == ENOENT) return new MediaException(MediaException.Kind.NOT_FOUND, "File does not exist: " + path);
        if (rc == EACCES) return new MediaException(MediaException.Kind.UNREADABLE, "Permission denied: " + path);
        return new MediaException(MediaException.Kind.UNREADABLE, "Cannot open " + path + ": " + reason);
    }

    /**
     * Reads some packets to learn what the headers left unknown (stream parameters, durations of
     * formats without a header duration such as MPEG-TS). Costs decoding a frame per stream.
     */
    public void findStreamInfo() {
        int rc = avformat_find_stream_info(context(), (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (rc < 0) {
            throw new MediaException(MediaException.Kind.UNREADABLE,
                    "Cannot read the streams of " + path + ": " + Av.errorText(rc));
        }
    }

    public AVFormatContext context() {
        if (context == null) throw new IllegalStateException("media input closed: " + path);
        return context;
    }

    public Path path() {
        return path;
    }

    /** The demuxer's short names, e.g. {@code "matroska,webm"} or {@code "mov,mp4,m4a,3gp,3g2,mj2"}. */
    public String formatName() {
        return context().iformat().name().getString();
    }

    public int streamCount() {
        return context().nb_streams();
    }

    public AVStream stream(int index) {
        return context().streams(index);
    }

    /** Index of the first video stream that is not a cover picture, -1 when there is none. */
    public int firstVideoStream() {
        for (int i = 0; i < streamCount(); i++) {
            AVStream stream = stream(i);
            if (stream.codecpar().codec_type() == org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO
                    && (stream.disposition() & org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The container's duration, else the streams' span (seconds); 0 when unknown. */
    public double duration() {
        return MediaProber.duration(this);
    }

    @Override
    public void close() {
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
    }
}
