package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.av.AvException;
import org.kyoo.transcoder.engine.media.MediaException;

/**
 * A demuxer and decoder on a file's first video stream that decodes one picture per capture time.
 *
 * <p>Which frame: the keyframe at or before the capture time, not the exact frame. After the seek
 * only that one packet is decoded (then the decoder is drained), which costs one picture's decode
 * instead of a whole GOP's. It is at most one GOP (typically 2 to 10 s) earlier, while a tile
 * already stands for a cue 10 s or more long: on a seek bar the two cannot be told apart.
 */
final class FrameGrabber implements AutoCloseable {
    /** Keyframes tried per capture before giving up on it (one that decodes to nothing is rare). */
    private static final int KEYFRAME_ATTEMPTS = 3;

    private final Path file;
    private AVFormatContext input;
    private AVCodecContext decoder;
    private AVPacket packet;
    private AVFrame frame;
    private AVStream stream;
    private long startTime;

    private FrameGrabber(Path file) {
        this.file = file;
    }

    /**
     * Opens {@code file} and a decoder for its first video stream (cover pictures do not count).
     *
     * @throws MediaException {@code NO_VIDEO} without a video stream, {@code NOT_MEDIA} when libav
     *                        cannot open it or has no decoder for its video
     */
    static FrameGrabber open(Path file) {
        Av.load();
        FrameGrabber grabber = new FrameGrabber(file);
        try {
            grabber.openInput();
            grabber.openDecoder();
            return grabber;
        } catch (RuntimeException e) {
            grabber.close();
            throw e;
        }
    }

    private void openInput() {
        AVFormatContext context = new AVFormatContext(null);
        int rc = avformat_open_input(context, file.toString(), (AVInputFormat) null, (AVDictionary) null);
        if (rc < 0) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA,
                    "Cannot open " + file + ": " + new AvException("avformat_open_input", rc).getMessage());
        }
        input = context;
        stream = firstVideo();
        if (stream == null || input.duration() == AV_NOPTS_VALUE || stream.codecpar().width() <= 0) {
            // Only containers whose header lacks duration or picture size (MPEG-TS) pay for this probe.
            Av.check(avformat_find_stream_info(input, (AVDictionary) null), "avformat_find_stream_info");
            if (stream == null) stream = firstVideo();
        }
        if (stream == null) throw new MediaException(MediaException.Kind.NO_VIDEO, "No video stream in " + file);
        startTime = input.start_time() == AV_NOPTS_VALUE ? 0 : input.start_time();
    }

    private AVStream firstVideo() {
        for (int i = 0; i < input.nb_streams(); i++) {
            AVStream candidate = input.streams(i);
            boolean cover = (candidate.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
            if (candidate.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO && !cover) return candidate;
        }
        return null;
    }

    private void openDecoder() {
        AVCodecParameters parameters = stream.codecpar();
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null || codec.isNull()) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA, "No decoder for the video of " + file);
        }
        decoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
        Av.check(avcodec_parameters_to_context(decoder, parameters), "avcodec_parameters_to_context");
        // Grabbers already run one per core; frame threads would only hold pictures back.
        decoder.thread_count(1);
        Av.check(avcodec_open2(decoder, codec, (AVDictionary) null), "avcodec_open2");
        packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
    }

    /** Seconds, from the container (the longest stream). */
    double duration() {
        return input.duration() / (double) AV_TIME_BASE;
    }

    int width() {
        return stream.codecpar().width();
    }

    int height() {
        return stream.codecpar().height();
    }

    /** Width on screen: the stored width stretched by the sample aspect ratio (anamorphic video). */
    double displayWidth() {
        AVRational sar = stream.sample_aspect_ratio();
        if (sar.num() <= 0 || sar.den() <= 0) sar = stream.codecpar().sample_aspect_ratio();
        if (sar.num() <= 0 || sar.den() <= 0) return width();
        return width() * (double) sar.num() / sar.den();
    }

    /**
     * Decodes the keyframe at or before {@code seconds} from the file's start.
     *
     * @return the decoded picture (owned by this grabber, valid until the next call), or null when
     *         no picture could be decoded there
     */
    AVFrame grab(double seconds) {
        long target = startTime + Math.round(seconds * AV_TIME_BASE);
        long streamTarget = av_rescale_q(target, av_make_q(1, AV_TIME_BASE), stream.time_base());
        // A failed seek (unseekable input) leaves us where we were: reading on still gives a picture.
        av_seek_frame(input, stream.index(), streamTarget, AVSEEK_FLAG_BACKWARD);
        for (int attempt = 0; attempt < KEYFRAME_ATTEMPTS; attempt++) {
            avcodec_flush_buffers(decoder);
            if (!sendNextKeyframe()) return null;
            AVFrame picture = drained();
            if (picture != null) return picture;
        }
        return null;
    }

    /** Reads up to this stream's next keyframe packet and sends it alone; false at end of file. */
    private boolean sendNextKeyframe() {
        while (true) {
            int rc = av_read_frame(input, packet);
            if (rc == AVERROR_EOF) return false;
            Av.check(rc, "av_read_frame");
            try {
                if (packet.stream_index() == stream.index() && (packet.flags() & AV_PKT_FLAG_KEY) != 0) {
                    int sent = avcodec_send_packet(decoder, packet);
                    // A corrupt keyframe is skipped for the next one, not fatal to the sprite.
                    if (sent >= 0) return true;
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** Signals the end of input so the decoder releases the picture it holds for reordering. */
    private AVFrame drained() {
        int sent = avcodec_send_packet(decoder, null);
        if (sent != AVERROR_EOF) Av.check(sent, "avcodec_send_packet (drain)");
        av_frame_unref(frame);
        int rc = avcodec_receive_frame(decoder, frame);
        // Nothing (or a decode error) from this keyframe: the caller tries the next one.
        return rc >= 0 ? frame : null;
    }

    @Override
    public void close() {
        if (frame != null) av_frame_free(frame);
        if (packet != null) av_packet_free(packet);
        if (decoder != null) avcodec_free_context(decoder);
        if (input != null) avformat_close_input(input);
        frame = null;
        packet = null;
        decoder = null;
        input = null;
    }
}
