package org.kyoo.transcoder.engine.media;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVFMTCTX_NOHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * The one owner of an opened input file: {@code avformat_open_input} on creation, {@code
 * avformat_close_input} (once) on close. Opening failures become {@link MediaException}s saying
 * why. Offers what every reader needs: streams, discarding, seeking and reading packets.
 */
public final class MediaInput implements AutoCloseable {
    private static final int ENOENT = -2;
    private static final int EACCES = -13;

    /** Seek margins tried when a seek lands after the wanted time (demuxers without an exact index). */
    private static final double[] SEEK_MARGINS = {0, 1, 4, 16};

    /** Seconds other streams may run past a seek check's time before its stream is deemed ended. */
    static final double CHECK_HORIZON = 60;
    /** Packets a seek check reads at most (a minute of a few streams is a few thousand). */
    static final int CHECK_PACKETS = 20_000;

    private final Path path;
    private AVFormatContext context;
    /** A packet read while checking a seek, handed out by the next {@link #read}; made on first use. */
    private AVPacket pending;
    private boolean hasPending;
    private boolean streamInfoRead;

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
        MediaInput input = new MediaInput(path, context);
        try {
            // Program streams, transport streams, FLV and DV announce their streams only in packets:
            // without reading some, a reader sees no video or misses an audio track the prober listed.
            if ((context.ctx_flags() & AVFMTCTX_NOHEADER) != 0) input.findStreamInfo();
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
        return input;
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
        if (streamInfoRead) return;
        streamInfoRead = true;
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
        return videoStream(0);
    }

    /**
     * The absolute index of the {@code nth} video track (0-based order among the video streams
     * that are not cover pictures, as {@code MediaInfo.videos} lists them), -1 when there is none.
     */
    public int videoStream(int nth) {
        int seen = 0;
        for (int i = 0; i < streamCount(); i++) {
            AVStream stream = stream(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO
                    && (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0 && seen++ == nth) {
                return i;
            }
        }
        return -1;
    }

    /** The absolute index of the {@code nth} audio stream (0-based order among audio streams). */
    public int audioStream(int nth) {
        int seen = 0;
        for (int i = 0; i < streamCount(); i++) {
            if (stream(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO && seen++ == nth) return i;
        }
        throw new MediaException(MediaException.Kind.BAD_REQUEST, "No audio track " + nth + " in " + path);
    }

    /**
     * Drops every stream but {@code stream} at the demuxer: their packets are neither parsed nor
     * returned. Call it after seeking, since a seek may need another stream's timestamps.
     */
    public void keepOnly(int stream) {
        for (int i = 0; i < streamCount(); i++) stream(i).discard(i == stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL);
    }

    /** Reads the next packet into {@code packet}; false at the end of the file. */
    public boolean read(AVPacket packet) {
        if (hasPending) {
            hasPending = false;
            av_packet_move_ref(packet, pending);
            return true;
        }
        return readRaw(packet);
    }

    private boolean readRaw(AVPacket packet) {
        int rc = av_read_frame(context(), packet);
        if (rc == AVERROR_EOF) return false;
        Av.check(rc, "av_read_frame " + path);
        return true;
    }

    /**
     * Positions the demuxer so that the first packet of {@code checkStream} is at or before
     * {@code notAfter} seconds: seeks backward on {@code seekStream} to {@code target}, and seeks
     * further back when the container's index is imprecise and the first packet comes too late.
     */
    public void seek(int seekStream, double target, int checkStream, double notAfter) {
        seek(seekStream, target, checkStream, notAfter, () -> false);
    }

    /**
     * As {@link #seek(int, double, int, double)}, giving up the check (the position stays where the
     * seek put it) once {@code cancelled} says so, or once the check is hopeless: other streams went
     * {@link #CHECK_HORIZON} seconds past {@code notAfter} without a packet of {@code checkStream} (an
     * audio track that ended before the video), or {@link #CHECK_PACKETS} packets were read.
     */
    public void seek(int seekStream, double target, int checkStream, double notAfter, BooleanSupplier cancelled) {
        AVRational tb = stream(seekStream).time_base();
        for (double margin : SEEK_MARGINS) {
            dropPending();
            long ts = (long) Math.floor((target - margin) * tb.den() / tb.num());
            int rc = av_seek_frame(context(), seekStream, ts, AVSEEK_FLAG_BACKWARD);
            if (rc < 0) {
                // some demuxers refuse a target before their first index entry: start from the top
                rc = av_seek_frame(context(), seekStream, Long.MIN_VALUE + 1, AVSEEK_FLAG_BACKWARD);
                Av.check(rc, "av_seek_frame " + path);
                return;
            }
            double first = firstTimeOf(checkStream, notAfter + CHECK_HORIZON, cancelled);
            if (Double.isNaN(first) || first <= notAfter) return;
        }
    }

    /**
     * Reads up to the first packet of {@code stream} with a timestamp and keeps it pending; NaN
     * (unknown) at the end of the file, on cancellation, after {@link #CHECK_PACKETS} packets, or
     * once another stream passes {@code horizon} seconds. Packets of other streams read meanwhile
     * are dropped: the caller reads {@code stream} only.
     */
    private double firstTimeOf(int stream, double horizon, BooleanSupplier cancelled) {
        if (pending == null) pending = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        for (int read = 0; read < CHECK_PACKETS && !cancelled.getAsBoolean() && readRaw(pending); read++) {
            long ts = pending.pts() != AV_NOPTS_VALUE ? pending.pts() : pending.dts();
            if (ts != AV_NOPTS_VALUE) {
                AVRational tb = stream(pending.stream_index()).time_base();
                double seconds = ts * (double) tb.num() / tb.den();
                if (pending.stream_index() == stream) {
                    hasPending = true;
                    return seconds;
                }
                if (seconds > horizon) break;
            }
            av_packet_unref(pending);
        }
        av_packet_unref(pending);
        return Double.NaN;
    }

    private void dropPending() {
        if (hasPending) av_packet_unref(pending);
        hasPending = false;
    }

    /** The container's duration, else the streams' span: latest end minus earliest start (seconds); 0 when unknown. */
    public double duration() {
        if (context.duration() != AV_NOPTS_VALUE && context.duration() > 0) return context.duration() / (double) AV_TIME_BASE;
        double start = Double.MAX_VALUE;
        double end = 0;
        for (int i = 0; i < streamCount(); i++) {
            AVStream stream = stream(i);
            if (stream.duration() == AV_NOPTS_VALUE || stream.duration() <= 0) continue;
            double timeBase = av_q2d(stream.time_base());
            double streamStart = stream.start_time() == AV_NOPTS_VALUE ? 0 : stream.start_time() * timeBase;
            start = Math.min(start, streamStart);
            end = Math.max(end, streamStart + stream.duration() * timeBase);
        }
        return end > 0 ? end - start : 0;
    }

    @Override
    public void close() {
        if (pending != null) {
            av_packet_free(pending);
            pending = null;
            hasPending = false;
        }
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
    }
}
