package org.kyoo.transcoder.engine.segments;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;

/**
 * One MPEG-TS segment file with a single stream, written under a temporary name. {@link #finish()}
 * writes the trailer and closes it; closing without finishing deletes the partial file.
 * Timestamps are written as given: the source's own timeline, no muxer delay, no shift.
 */
final class SegmentWriter implements AutoCloseable {
    private final Path file;
    private AVFormatContext ctx;
    private AVStream stream;
    private final AVRational sourceTimeBase;
    private boolean finished;
    private long packets;

    /** A segment of packets encoded by {@code encoder} (timestamps in its time base). */
    static SegmentWriter forEncoder(Path file, AVCodecContext encoder) {
        SegmentWriter w = new SegmentWriter(file, encoder.time_base());
        try {
            Av.check(avcodec_parameters_from_context(w.stream.codecpar(), encoder), "avcodec_parameters_from_context");
            w.writeHeader();
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** A segment of packets copied from a source stream (timestamps in {@code timeBase}). */
    static SegmentWriter forCopy(Path file, AVCodecParameters parameters, AVRational timeBase) {
        SegmentWriter w = new SegmentWriter(file, timeBase);
        try {
            Av.check(avcodec_parameters_copy(w.stream.codecpar(), parameters), "avcodec_parameters_copy");
            // the source container's tag (e.g. Matroska's) means nothing to MPEG-TS
            w.stream.codecpar().codec_tag(0);
            w.writeHeader();
            return w;
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private SegmentWriter(Path file, AVRational sourceTimeBase) {
        this.file = file;
        this.sourceTimeBase = av_make_q(sourceTimeBase.num(), sourceTimeBase.den());
        AVFormatContext c = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(c, null, "mpegts", file.toString()), "avformat_alloc_output_context2 mpegts");
        ctx = c;
        try {
            stream = Av.checkAlloc(avformat_new_stream(ctx, null), "avformat_new_stream");
            stream.time_base(av_make_q(1, 90000));
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "avio_open " + file);
            ctx.pb(pb);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void writeHeader() {
        // the CLI's -muxdelay 0: otherwise every timestamp is pushed 0.7 s later
        ctx.max_delay(0);
        AVDictionary opts = new AVDictionary(null);
        try {
            // segments made by different heads must line up on the source's timeline: no shifting
            Av.check(av_dict_set(opts, "avoid_negative_ts", "disabled", 0), "av_dict_set avoid_negative_ts");
            // the muxer's own -copyts: do not offset pts/dts by the mux delay
            Av.check(av_dict_set(opts, "mpegts_copyts", "1", 0), "av_dict_set mpegts_copyts");
            Av.check(avformat_write_header(ctx, opts), "avformat_write_header " + file);
        } finally {
            av_dict_free(opts);
        }
    }

    /** Writes {@code packet} (timestamps in the source time base); the packet is left blank. */
    void write(AVPacket packet) {
        packet.stream_index(0);
        av_packet_rescale_ts(packet, sourceTimeBase, stream.time_base());
        Av.check(av_interleaved_write_frame(ctx, packet), "av_interleaved_write_frame " + file);
        packets++;
    }

    long packetCount() {
        return packets;
    }

    /** Flushes and closes the file; it stays on disk under its temporary name. */
    void finish() {
        Av.check(av_write_trailer(ctx), "av_write_trailer " + file);
        finished = true;
        release();
    }

    private void release() {
        if (ctx == null) return;
        if (ctx.pb() != null && !ctx.pb().isNull()) {
            AVIOContext pb = ctx.pb();
            avio_closep(pb);
            ctx.pb(null);
        }
        avformat_free_context(ctx);
        ctx = null;
    }

    @Override
    public void close() {
        release();
        if (!finished) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
