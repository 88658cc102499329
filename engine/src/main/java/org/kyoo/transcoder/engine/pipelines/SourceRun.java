package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.nio.file.Path;
import java.util.function.BiFunction;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * What every pipeline's run over the source shares: the opened file, the head's sink, the packet
 * read into, the segment being made, and the read loop that stops on cancellation.
 */
abstract class SourceRun implements AutoCloseable {
    final MediaInput in;
    final SegmentSink sink;
    final AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
    /** The segment being made. */
    int n;
    /** Set once the sink said not to go on. */
    boolean stopped;

    SourceRun(MediaInput in, SegmentSink sink) {
        this.in = in;
        this.sink = sink;
        this.n = sink.first();
    }

    /** Opens {@code source}, runs a pipeline's run over it, and frees both on every path. */
    static void run(Path source, SegmentSink sink, BiFunction<MediaInput, SegmentSink, SourceRun> make) {
        int segment = sink.first();
        try (MediaInput in = MediaInput.open(source); SourceRun run = make.apply(in, sink)) {
            try {
                run.run();
            } finally {
                segment = run.n;
            }
        } catch (MediaException e) {
            throw e;
        } catch (RuntimeException e) {
            // libav refused something the file holds: say which file and segment, as a file that
            // cannot be played (422), not as the server's own failure
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot make segment " + segment + " of "
                    + source + ": " + e.getMessage(), e);
        }
    }

    abstract void run();

    /** True once the sink said stop or the head was cancelled: nothing more is to be written. */
    final boolean halted() {
        return stopped || sink.cancelled();
    }

    /**
     * Video track {@code track} (order among the video tracks), the demuxer positioned on the
     * keyframe of segment n (the segment before is never read) and every other stream dropped.
     */
    final int videoFromFirstSegment(int track) {
        int video = in.videoStream(track);
        if (video < 0) throw new MediaException(MediaException.Kind.BAD_REQUEST, "No video track " + track + " in " + in.path());
        double start = sink.segmentStart(n);
        if (n > 0) in.seek(video, start + SegmentSink.EPSILON, video, start + SegmentSink.EPSILON, this::halted);
        in.keepOnly(video);
        return video;
    }

    /**
     * Reads the next packet of {@code stream} into {@link #packet} (the caller unreferences it);
     * false at the end of the file or once {@link #halted()}.
     */
    final boolean next(int stream) {
        while (!halted()) {
            // the one place every pipeline passes between two packets: a head parks here
            sink.checkpoint();
            if (halted()) return false;
            if (!in.read(packet)) return false;
            if (packet.stream_index() == stream) return true;
            av_packet_unref(packet);
        }
        return false;
    }

    /** Frees what the run made; subclasses free their own first, then call this. */
    @Override
    public void close() {
        av_packet_free(packet);
    }
}
