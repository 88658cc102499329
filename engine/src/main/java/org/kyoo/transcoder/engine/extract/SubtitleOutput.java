package org.kyoo.transcoder.engine.extract;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;

/**
 * One subtitle track remuxed, packets copied as they are, into its own file by the muxer of its
 * format (srt, ass, webvtt): the {@code -map 0:s:N -c:s copy} of the original, in-process.
 */
final class SubtitleOutput implements AutoCloseable {
    private final AVFormatContext context;
    private final AVRational inputTimeBase;
    private boolean closed;

    /**
     * @param muxer libavformat muxer name
     * @param input the source stream; its codec parameters carry the ASS header (extradata)
     */
    SubtitleOutput(String muxer, Path target, AVStream input) {
        this.inputTimeBase = input.time_base();
        this.context = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(context, (AVOutputFormat) null, muxer, target.toString()),
                "avformat_alloc_output_context2 " + muxer);
        try {
            AVStream stream = Av.checkAlloc(avformat_new_stream(context, null), "avformat_new_stream");
            Av.check(avcodec_parameters_copy(stream.codecpar(), input.codecpar()), "avcodec_parameters_copy");
            // A hint only: the muxer picks its own time base in avformat_write_header.
            stream.time_base(input.time_base());
            AVIOContext io = new AVIOContext(null);
            Av.check(avio_open(io, target.toString(), AVIO_FLAG_WRITE), "avio_open " + target);
            context.pb(io);
            Av.check(avformat_write_header(context, (AVDictionary) null), "avformat_write_header " + muxer);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Writes one packet of the source stream and takes its contents (the packet is left blank).
     * Timestamps stay the source's, as segments keep theirs, so cues line up with the video.
     */
    void write(AVPacket packet) {
        av_packet_rescale_ts(packet, inputTimeBase, context.streams(0).time_base());
        packet.stream_index(0);
        packet.pos(-1);
        Av.check(av_interleaved_write_frame(context, packet), "av_interleaved_write_frame");
    }

    /** Flushes the muxer and writes the trailer; the file is complete once this returns. */
    void finish() {
        Av.check(av_write_trailer(context), "av_write_trailer");
        closeFile();
    }

    private void closeFile() {
        if (context.pb() != null && !context.pb().isNull()) {
            AVIOContext io = context.pb();
            avio_closep(io);
            context.pb(null);
        }
    }

    @Override
    public void close() {
        // Idempotent: a track dropped on error is closed then, and again with the others.
        if (closed) return;
        closed = true;
        // Without finish() the file is incomplete; the caller wrote it under a temporary name.
        closeFile();
        avformat_free_context(context);
    }
}
