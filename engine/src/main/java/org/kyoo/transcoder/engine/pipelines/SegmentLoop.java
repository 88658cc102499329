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
 * The loop every pipeline runs over its source, in the steps of FFmpeg's {@code transcode.c}:
 * {@link #openInput} positions the demuxer on the first segment, each packet of the one stream
 * read goes to {@link #onPacket} then {@link #afterPacket} until the file ends or the head is
 * halted, {@link #flush} completes what the end of the file leaves, and {@link #close} frees it
 * all. A kind fills in the steps with its copy or decode→filter→encode, cuts where its segments
 * end, and hands each complete one to the sink with {@link #publishAndMoveOn}.
 */
abstract class SegmentLoop implements AutoCloseable {
    final MediaInput in;
    final SegmentSink sink;
    final AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
    /** The segment being made. */
    int n;
    /** Set once the sink said not to go on. */
    boolean stopped;

    SegmentLoop(MediaInput in, SegmentSink sink) {
        this.in = in;
        this.sink = sink;
        this.n = sink.first();
    }

    /** Opens {@code source}, runs a kind's loop over it, and frees both on every path. */
    static void run(Path source, SegmentSink sink, BiFunction<MediaInput, SegmentSink, SegmentLoop> make) {
        int segment = sink.first();
        try (MediaInput in = MediaInput.open(source); SegmentLoop loop = make.apply(in, sink)) {
            try {
                loop.run();
            } finally {
                segment = loop.n;
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

    private void run() {
        int stream = openInput();
        sink.starting(n);
        while (next(stream)) {
            try {
                onPacket(packet);
            } finally {
                av_packet_unref(packet);
            }
            afterPacket();
        }
        if (!halted()) flush();
    }

    /**
     * Positions the demuxer for segment n, drops every other stream, and opens what the kind
     * reads with; returns the index of the stream read.
     */
    abstract int openInput();

    /** One packet of the stream read; it is unreferenced once this returns. */
    abstract void onPacket(AVPacket packet);

    /** After each packet, once it is blank again: the loops that encode reuse it for their output. */
    void afterPacket() {}

    /** The end of the file, the head not halted: writes what remains into the segments still to make. */
    abstract void flush();

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
        // the keyframe, not where its leading pictures show: seeking there would land on the GOP before
        double start = sink.keyframeTime(n);
        if (n > 0) in.seek(video, start + SegmentSink.EPSILON, video, start + SegmentSink.EPSILON, this::halted);
        in.keepOnly(video);
        return video;
    }

    /**
     * Audio track {@code track} (order among the audio tracks), the demuxer positioned up to
     * {@code preRoll} seconds before segment n with the track's first packet at most {@code margin}
     * seconds after its start, and every other stream dropped.
     */
    final int audioFromFirstSegment(int track, double preRoll, double margin) {
        int audio = in.audioStream(track);
        double start = sink.segmentStart(n);
        if (n > 0) {
            // seek on the video when there is one: containers index its keyframes, rarely the audio
            int video = in.firstVideoStream();
            in.seek(video >= 0 ? video : audio, start - preRoll, audio, start - margin, this::halted);
        }
        in.keepOnly(audio);
        return audio;
    }

    /**
     * Reads the next packet of {@code stream} into {@link #packet}; false at the end of the file or
     * once {@link #halted()}.
     */
    private boolean next(int stream) {
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

    /**
     * Segment n's file is complete: publishes it and moves on to n + 1. False, and the loop
     * halted, once the sink says not to go on.
     */
    final boolean publishAndMoveOn() {
        if (!sink.publish(n)) {
            stopped = true;
            return false;
        }
        n++;
        sink.starting(n);
        return true;
    }

    /** Frees what the loop made; kinds free their own first, then call this. */
    @Override
    public void close() {
        av_packet_free(packet);
    }
}
