package org.kyoo.transcoder.engine.codecs;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_encode_subtitle;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;

import java.util.function.BiConsumer;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * An opened encoder context: frames in, packets out (video, audio, pictures), or cues in, bytes out
 * (subtitles); timestamps in its own time base.
 */
public final class Encoder implements AutoCloseable {
    private AVCodecContext ctx;
    private final String name;

    /**
     * Opens encoder {@code name} after {@code configure} set its context's fields and put its
     * private options in the dictionary; an option the encoder does not take fails the opening.
     */
    public Encoder(String name, BiConsumer<AVCodecContext, AVDictionary> configure) {
        this.name = name;
        AVCodec codec = avcodec_find_encoder_by_name(name);
        if (codec == null || codec.isNull()) throw new IllegalStateException("Encoder " + name + " is not in this libav build");
        ctx = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3 " + name);
        AVDictionary options = new AVDictionary(null);
        try {
            configure.accept(ctx, options);
            Av.check(avcodec_open2(ctx, codec, options), "avcodec_open2 " + name);
            // an option the encoder did not take is a programming error, not something to ignore quietly
            if (av_dict_count(options) > 0) {
                AVDictionaryEntry e = av_dict_get(options, "", null, AV_DICT_IGNORE_SUFFIX);
                throw new IllegalStateException(name + " does not know option " + e.key().getString());
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        } finally {
            av_dict_free(options);
        }
    }

    public AVCodecContext context() {
        return ctx;
    }

    /** Sends one frame (null: flush). */
    public void send(AVFrame frame) {
        int rc = avcodec_send_frame(ctx, frame);
        if (rc == AVERROR_EOF && frame == null) return;
        Av.check(rc, "avcodec_send_frame " + name);
    }

    /** Takes the next packet; false when the encoder needs more input (or is drained). */
    public boolean receive(AVPacket packet) {
        int rc = avcodec_receive_packet(ctx, packet);
        if (rc == Av.EAGAIN || rc == AVERROR_EOF) return false;
        Av.check(rc, "avcodec_receive_packet " + name);
        return true;
    }

    /**
     * Encodes one subtitle cue into {@code buffer} (of {@code capacity} bytes); returns the bytes
     * written, 0 when the cue gives nothing in this format.
     */
    public int encodeSubtitle(AVSubtitle cue, BytePointer buffer, int capacity) {
        return Av.check(avcodec_encode_subtitle(ctx, buffer, capacity, cue), "avcodec_encode_subtitle " + name);
    }

    @Override
    public void close() {
        if (ctx != null) avcodec_free_context(ctx);
        ctx = null;
    }
}
