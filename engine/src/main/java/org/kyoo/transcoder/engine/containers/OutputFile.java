package org.kyoo.transcoder.engine.containers;

import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_count;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.kyoo.transcoder.engine.av.Av;

/**
 * A file written by a libavformat muxer with one stream: the output context, its stream and the
 * opened file come and go together, on every path. {@link #finish()} writes the trailer; closing
 * without it leaves a partial file, which the caller wrote under a temporary name or deletes.
 */
public final class OutputFile implements AutoCloseable {
    private final Path file;
    private AVFormatContext context;

    private OutputFile(Path file, AVFormatContext context) {
        this.file = file;
        this.context = context;
    }

    /**
     * Opens {@code file} for {@code muxer} (libavformat's short name) with one stream, which
     * {@code describe} gives its codec parameters and time base (a hint: the muxer may choose its
     * own), and writes the header with {@code options}, every one of which the muxer must take.
     */
    public static OutputFile open(Path file, String muxer, Consumer<AVStream> describe, Map<String, String> options) {
        AVFormatContext context = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(context, (AVOutputFormat) null, muxer, file.toString()),
                "avformat_alloc_output_context2 " + muxer);
        OutputFile out = new OutputFile(file, context);
        try {
            describe.accept(Av.checkAlloc(avformat_new_stream(context, null), "avformat_new_stream"));
            AVIOContext io = new AVIOContext(null);
            Av.check(avio_open(io, file.toString(), AVIO_FLAG_WRITE), "avio_open " + file);
            context.pb(io);
            out.writeHeader(muxer, options);
            return out;
        } catch (RuntimeException | Error e) {
            out.close();
            throw e;
        }
    }

    private void writeHeader(String muxer, Map<String, String> options) {
        AVDictionary dictionary = new AVDictionary(null);
        try {
            for (Map.Entry<String, String> option : options.entrySet()) {
                Av.check(av_dict_set(dictionary, option.getKey(), option.getValue(), 0), "av_dict_set " + option.getKey());
            }
            Av.check(avformat_write_header(context, dictionary), "avformat_write_header " + muxer + " " + file);
            // an option the muxer did not take is a programming error, not something to ignore quietly
            if (av_dict_count(dictionary) > 0) {
                String unknown = av_dict_get(dictionary, "", null, AV_DICT_IGNORE_SUFFIX).key().getString();
                throw new IllegalStateException("The " + muxer + " muxer does not know option " + unknown);
            }
        } finally {
            av_dict_free(dictionary);
        }
    }

    /** The file's one stream; its time base is the muxer's once the header is written. */
    public AVStream stream() {
        return context.streams(0);
    }

    /** Writes {@code packet} (timestamps in {@link #stream()}'s time base) and takes its contents. */
    public void write(AVPacket packet) {
        packet.stream_index(0);
        Av.check(av_interleaved_write_frame(context, packet), "av_interleaved_write_frame " + file);
    }

    /** Flushes the muxer, writes the trailer and closes the file: it is complete once this returns. */
    public void finish() {
        Av.check(av_write_trailer(context), "av_write_trailer " + file);
        close();
    }

    /** Frees the context and closes the file; once finished, or more than once, it does nothing. */
    @Override
    public void close() {
        if (context == null) return;
        if (context.pb() != null && !context.pb().isNull()) {
            AVIOContext io = context.pb();
            avio_closep(io);
            context.pb(null);
        }
        avformat_free_context(context);
        context = null;
    }
}
