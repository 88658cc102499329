package org.kyoo.transcoder.engine.extract;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;

import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.containers.OutputFile;

/**
 * One subtitle track remuxed, packets copied as they are, into its own file by the muxer of its
 * format (srt, ass, webvtt): the {@code -map 0:s:N -c:s copy} of the original, in-process.
 */
final class SubtitleOutput implements AutoCloseable {
    private final OutputFile out;
    private final AVRational inputTimeBase;

    /**
     * @param muxer libavformat muxer name
     * @param input the source stream; its codec parameters carry the ASS header (extradata)
     */
    SubtitleOutput(String muxer, Path target, AVStream input) {
        this.inputTimeBase = input.time_base();
        this.out = OutputFile.open(target, muxer, stream -> {
            Av.check(avcodec_parameters_copy(stream.codecpar(), input.codecpar()), "avcodec_parameters_copy");
            // A hint only: the muxer picks its own time base in avformat_write_header.
            stream.time_base(input.time_base());
        }, Map.of());
    }

    /**
     * Writes one packet of the source stream and takes its contents (the packet is left blank).
     * Timestamps stay the source's, as segments keep theirs, so cues line up with the video.
     */
    void write(AVPacket packet) {
        av_packet_rescale_ts(packet, inputTimeBase, out.stream().time_base());
        packet.pos(-1);
        out.write(packet);
    }

    /** Flushes the muxer and writes the trailer; the file is complete once this returns. */
    void finish() {
        out.finish();
    }

    /**
     * Idempotent: a track dropped on error is closed then, and again with the others. Without
     * {@link #finish()} the file is incomplete; the caller wrote it under a temporary name.
     */
    @Override
    public void close() {
        out.close();
    }
}
