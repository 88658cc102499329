package org.kyoo.transcoder.engine.segments;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * A source file opened for one head: demuxer only, no {@code avformat_find_stream_info} (what the
 * probe already knows is not probed again; decoders learn the rest from the first frame).
 */
final class InputFile implements AutoCloseable {
    /** Seek margins tried when a seek lands after the wanted time (demuxers without an exact index). */
    private static final double[] SEEK_MARGINS = {0, 1, 4, 16};

    private final Path path;
    private AVFormatContext ctx;
    /** A packet read while checking a seek, handed out by the next {@link #read}. */
    private final AVPacket pending;
    private boolean hasPending;

    private InputFile(Path path, AVFormatContext ctx) {
        this.path = path;
        this.ctx = ctx;
        this.pending = av_packet_alloc();
        if (pending == null || pending.isNull()) {
            avformat_close_input(ctx);
            this.ctx = null;
            throw new IllegalStateException("av_packet_alloc: out of memory");
        }
    }

    static InputFile open(Path path) {
        Av.load();
        AVFormatContext ctx = new AVFormatContext(null);
        int rc = avformat_open_input(ctx, path.toString(), null, null);
        if (rc < 0) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot open " + path + ": " + Av.errorText(rc));
        }
        return new InputFile(path, ctx);
    }

    AVStream stream(int index) {
        return ctx.streams(index);
    }

    /** The first video stream that is not an attached picture. */
    int firstVideoStream() {
        for (int i = 0; i < ctx.nb_streams(); i++) {
            AVStream st = ctx.streams(i);
            if (st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && (st.disposition() & AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The absolute index of the {@code nth} audio stream (0-based order among audio streams). */
    int audioStream(int nth) {
        int seen = 0;
        for (int i = 0; i < ctx.nb_streams(); i++) {
            if (ctx.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO && seen++ == nth) return i;
        }
        throw new MediaException(MediaException.Kind.BAD_REQUEST, "No audio track " + nth + " in " + path);
    }

    static double seconds(long ts, AVRational tb) {
        return ts * (double) tb.num() / tb.den();
    }

    static long timestamp(double seconds, AVRational tb) {
        return (long) Math.floor(seconds * tb.den() / tb.num());
    }

    /**
     * Positions the demuxer so that the first packet of {@code checkStream} is at or before
     * {@code notAfter} seconds: seeks backward on {@code seekStream} to {@code target}, and seeks
     * further back when the container's index is imprecise and the first packet comes too late.
     */
    void seek(int seekStream, double target, int checkStream, double notAfter) {
        AVRational tb = ctx.streams(seekStream).time_base();
        for (double margin : SEEK_MARGINS) {
            dropPending();
            long ts = timestamp(target - margin, tb);
            int rc = av_seek_frame(ctx, seekStream, ts, AVSEEK_FLAG_BACKWARD);
            if (rc < 0) {
                // some demuxers refuse a target before their first index entry: start from the top
                rc = av_seek_frame(ctx, seekStream, Long.MIN_VALUE + 1, AVSEEK_FLAG_BACKWARD);
                Av.check(rc, "av_seek_frame " + path);
                return;
            }
            double first = firstTimeOf(checkStream);
            if (Double.isNaN(first) || first <= notAfter) return;
        }
    }

    /** Reads up to the first packet of {@code stream} with a timestamp; keeps it pending. */
    private double firstTimeOf(int stream) {
        while (readRaw(pending)) {
            if (pending.stream_index() == stream) {
                long ts = pending.pts() != AV_NOPTS_VALUE ? pending.pts() : pending.dts();
                if (ts != AV_NOPTS_VALUE) {
                    hasPending = true;
                    return seconds(ts, ctx.streams(stream).time_base());
                }
            }
            av_packet_unref(pending);
        }
        return Double.NaN;
    }

    /**
     * Drops every stream but {@code stream} at the demuxer: their packets are neither parsed nor
     * returned. Called after seeking, since a seek may need another stream's timestamps.
     */
    void keepOnly(int stream) {
        for (int i = 0; i < ctx.nb_streams(); i++) ctx.streams(i).discard(i == stream ? AVDISCARD_DEFAULT : AVDISCARD_ALL);
    }

    /** Reads the next packet into {@code packet}; false at the end of the file. */
    boolean read(AVPacket packet) {
        if (hasPending) {
            hasPending = false;
            av_packet_move_ref(packet, pending);
            return true;
        }
        return readRaw(packet);
    }

    private boolean readRaw(AVPacket packet) {
        int rc = av_read_frame(ctx, packet);
        if (rc == AVERROR_EOF) return false;
        Av.check(rc, "av_read_frame " + path);
        return true;
    }

    private void dropPending() {
        if (hasPending) av_packet_unref(pending);
        hasPending = false;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        dropPending();
        av_packet_free(pending);
        if (ctx != null) avformat_close_input(ctx);
        ctx = null;
    }
}
