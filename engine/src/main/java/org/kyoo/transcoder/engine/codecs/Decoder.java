package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_decode_subtitle2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXTERNAL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * An opened decoder for one source stream: packets in, frames out (video, audio) or cues out
 * (subtitles). Timestamps stay in the stream's time base.
 */
public final class Decoder implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Decoder.class.getName());
    private static final int MAX_CORRUPT_FRAMES_IN_A_ROW = 64;

    private AVCodecContext ctx;
    private final String what;
    /** What the decoder reads, for the log; null when unknown. */
    private final Object source;
    private int skipped;
    private final int[] gotCue = new int[1];

    /** Whether this libav build has a decoder for the codec of {@code parameters}: callers say in their own terms why not. */
    public static boolean available(AVCodecParameters parameters) {
        return find(parameters) != null;
    }

    private static AVCodec find(AVCodecParameters parameters) {
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        return codec == null || codec.isNull() ? null : codec;
    }

    public Decoder(AVStream stream, Consumer<AVCodecContext> configure) {
        this(stream, configure, null);
    }

    /**
     * Opens a decoder for {@code stream} after {@code configure} set its context's fields.
     *
     * @param source what the stream is read from, named in the log; null when unknown
     * @throws MediaException UNREADABLE when this libav build has no decoder for the stream
     */
    public Decoder(AVStream stream, Consumer<AVCodecContext> configure, Object source) {
        this.source = source;
        AVCodec codec = find(stream.codecpar());
        if (codec == null) throw new MediaException(MediaException.Kind.UNREADABLE, "No decoder for stream " + stream.index());
        what = "decoder " + codec.name().getString();
        ctx = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
        try {
            Av.check(avcodec_parameters_to_context(ctx, stream.codecpar()), "avcodec_parameters_to_context");
            // frames come out with best_effort_timestamp in the stream's own time base; without it
            // subtitle decoders leave cue times unset
            ctx.pkt_timebase(stream.time_base());
            configure.accept(ctx);
            Av.check(avcodec_open2(ctx, codec, (AVDictionary) null), "avcodec_open2 " + what);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    public AVCodecContext context() {
        return ctx;
    }

    /**
     * Sends one packet (null: flush). A packet the decoder rejects (corrupt, or empty as Theora's
     * "same frame again") is skipped, as the ffmpeg CLI does: the frames after it still decode once
     * the next keyframe arrives. Skips are counted and logged once per decoder.
     */
    public void send(AVPacket packet) {
        int rc = avcodec_send_packet(ctx, packet);
        if (rc >= 0) return;
        if (packet == null) {
            if (rc == AVERROR_EOF) return;
            Av.check(rc, "avcodec_send_packet(flush) " + what);
        }
        // the loops drain every frame after each send: EAGAIN would be our bug, not the file's;
        // memory, I/O, a device gone or a send after the drain are not the packet's fault either
        if (rc == Av.EAGAIN || rc == Av.ENOMEM || rc == Av.EIO || rc == AVERROR_EOF || rc == AVERROR_EXTERNAL) {
            Av.check(rc, "avcodec_send_packet " + what);
        }
        if (skipped++ == 0) {
            LOG.log(System.Logger.Level.WARNING, "Skipping packets the " + what + " rejects (" + Av.errorText(rc)
                    + "), first at pts " + packet.pts() + (source == null ? "" : " of " + source));
        }
    }

    /** Takes the next decoded frame into {@code frame}; false when the decoder needs more input. */
    public boolean receive(AVFrame frame) {
        // A corrupt frame is skipped, not the end of the batch: frame threads may still hold good
        // frames, and leaving them queued makes the next send answer EAGAIN.
        for (int skipped = 0; skipped < MAX_CORRUPT_FRAMES_IN_A_ROW; skipped++) {
            int rc = avcodec_receive_frame(ctx, frame);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return false;
            if (rc == AVERROR_INVALIDDATA) continue;
            Av.check(rc, "avcodec_receive_frame " + what);
            return true;
        }
        return false;
    }

    /**
     * Decodes {@code packet} on its own into {@code frame}, as after a seek for one picture: what
     * the decoder held is dropped, the packet sent, and the decoder drained so that it gives up
     * the picture it would hold back for reordering. False when the packet or its picture does not
     * decode: not fatal, the caller may try another packet.
     */
    public boolean decodeAlone(AVPacket packet, AVFrame frame) {
        avcodec_flush_buffers(ctx);
        if (avcodec_send_packet(ctx, packet) < 0) return false;
        int drained = avcodec_send_packet(ctx, null);
        if (drained != AVERROR_EOF) Av.check(drained, "avcodec_send_packet(flush) " + what);
        av_frame_unref(frame);
        return avcodec_receive_frame(ctx, frame) >= 0;
    }

    /**
     * Decodes one subtitle packet into {@code cue}; true when it holds a cue, which the caller
     * frees with {@code avsubtitle_free}. A packet libav cannot read costs that cue, not the file
     * (the CLI does the same); running out of memory is no cue's fault, and throws.
     */
    public boolean decodeSubtitle(AVPacket packet, AVSubtitle cue) {
        int rc = avcodec_decode_subtitle2(ctx, cue, gotCue, packet);
        if (rc == Av.ENOMEM) Av.check(rc, "avcodec_decode_subtitle2 " + what);
        return rc >= 0 && gotCue[0] != 0;
    }

    @Override
    public void close() {
        if (ctx != null) avcodec_free_context(ctx);
        ctx = null;
    }
}
