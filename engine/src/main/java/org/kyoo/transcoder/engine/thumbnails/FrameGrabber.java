package org.kyoo.transcoder.engine.thumbnails;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_move_ref;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Decoder;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInput;

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
    /**
     * Video packets read looking for one keyframe (minutes of video): a file whose packets carry no
     * keyframe flag would otherwise be read to its end for every capture.
     */
    private static final int MAX_PACKETS_PER_CAPTURE = 5000;
    /** Seeks per capture on containers that land past the target: 1, 4, then 16 s further back. */
    private static final int SEEK_ATTEMPTS = 4;

    private final Path file;
    private MediaInput source;
    /** The context of {@link #source}, read on every packet. */
    private AVFormatContext input;
    private Decoder decoder;
    private AVPacket packet;
    /** Read-ahead when looking for a later keyframe; see {@link #moveToLastKeyframeAtOrBefore}. */
    private AVPacket ahead;
    /** Whether the container's index lists keyframes, so a seek lands on the right one at once. */
    private boolean indexed;
    private AVFrame frame;
    private AVStream stream;
    /** Presentation time of the video's first picture, in the stream's time base. */
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
        source = MediaInput.open(file);
        input = source.context();
        int video = source.firstVideoStream();
        if (video < 0 || input.duration() == AV_NOPTS_VALUE || input.streams(video).codecpar().width() <= 0) {
            // Only containers whose header lacks duration or picture size (MPEG-TS) pay for this probe.
            source.findStreamInfo();
            video = source.firstVideoStream();
        }
        if (video < 0) throw new MediaException(MediaException.Kind.NO_VIDEO, "No video stream in " + file);
        stream = source.stream(video);
        if (stream.codecpar().width() <= 0 || stream.codecpar().height() <= 0) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA, "The video of " + file + " has no picture size");
        }
        // Capture times count from the video's first picture: the container's start also counts
        // audio priming, which begins a few milliseconds earlier.
        if (stream.start_time() != AV_NOPTS_VALUE) {
            startTime = stream.start_time();
        } else if (input.start_time() != AV_NOPTS_VALUE) {
            startTime = av_rescale_q(input.start_time(), av_make_q(1, AV_TIME_BASE), stream.time_base());
        }
        // Matroska reads its index (Cues) on the first seek only; MP4's is read at open; MPEG-TS has none.
        // Its result does not matter: a file whose seek fails has no usable index, which the count below says.
        av_seek_frame(input, stream.index(), 0, AVSEEK_FLAG_BACKWARD);
        indexed = avformat_index_get_entries_count(stream) > 1;
    }

    private void openDecoder() {
        if (!Decoder.available(stream.codecpar())) {
            throw new MediaException(MediaException.Kind.NOT_MEDIA, "No decoder for the video of " + file);
        }
        // Grabbers already run one per core; frame threads would only hold pictures back.
        decoder = new Decoder(stream, context -> context.thread_count(1), file);
        packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        ahead = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
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

    /** The light and colours of {@code picture}, one this grabber decoded (its stream's headers, then its own tags). */
    SourceColours colours(AVFrame picture) {
        return SourceColours.of(stream.codecpar(), picture);
    }

    /** The time base of the pictures' timestamps. */
    AVRational timeBase() {
        return stream.time_base();
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
        long target = startTime + av_rescale_q(Math.round(seconds * AV_TIME_BASE), av_make_q(1, AV_TIME_BASE), stream.time_base());
        if (!seekToKeyframeAtOrBefore(target)) return null;
        for (int attempt = 0; attempt < KEYFRAME_ATTEMPTS; attempt++) {
            // One packet, then the decoder drained: it releases the picture it holds for reordering.
            boolean decoded = decoder.decodeAlone(packet, frame);
            av_packet_unref(packet);
            // A keyframe that does not decode is skipped for the next one, not fatal to the sprite.
            if (decoded) return frame;
            if (!readNextKeyframe()) return null;
        }
        return null;
    }

    /**
     * Seeks and leaves in {@link #packet} the first keyframe at or before {@code target} (stream
     * time base). Containers without an index (MPEG-TS) seek by bisection and may land past it: then
     * it seeks again further back. False at end of file.
     */
    private boolean seekToKeyframeAtOrBefore(long target) {
        long backoff = 0;
        long second = av_rescale_q(AV_TIME_BASE, av_make_q(1, AV_TIME_BASE), stream.time_base());
        for (int seek = 0; seek < SEEK_ATTEMPTS; seek++) {
            // A failed seek (unseekable input) leaves us where we were: reading on still gives a picture.
            av_seek_frame(input, stream.index(), target - backoff, AVSEEK_FLAG_BACKWARD);
            if (!readNextKeyframe()) return false;
            long pts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
            if (pts == AV_NOPTS_VALUE || seek == SEEK_ATTEMPTS - 1) return true;
            if (pts <= target) {
                if (!indexed) moveToLastKeyframeAtOrBefore(target);
                return true;
            }
            av_packet_unref(packet);
            backoff = backoff == 0 ? second : backoff * 4;
        }
        return false;
    }

    /**
     * Reads on from the keyframe in {@link #packet} while pictures can still be at or before
     * {@code target}, keeping the last keyframe seen: a seek by bisection lands a GOP or more early.
     * Packets are only read, not decoded.
     */
    private void moveToLastKeyframeAtOrBefore(long target) {
        int videoPackets = 0;
        while (videoPackets < MAX_PACKETS_PER_CAPTURE && av_read_frame(input, ahead) >= 0) {
            try {
                if (ahead.stream_index() != stream.index()) continue;
                videoPackets++;
                // Decode order: once a packet decodes after the target, no later one shows before it.
                if (ahead.dts() != AV_NOPTS_VALUE && ahead.dts() > target) return;
                boolean key = (ahead.flags() & AV_PKT_FLAG_KEY) != 0;
                if (key && ahead.pts() != AV_NOPTS_VALUE && ahead.pts() <= target) {
                    av_packet_unref(packet);
                    av_packet_move_ref(packet, ahead);
                }
            } finally {
                av_packet_unref(ahead);
            }
        }
    }

    /** Reads up to this stream's next keyframe packet and leaves it in {@link #packet}; false at end of file. */
    private boolean readNextKeyframe() {
        for (int videoPackets = 0; videoPackets < MAX_PACKETS_PER_CAPTURE; ) {
            if (!source.read(packet)) return false;
            if (packet.stream_index() == stream.index()) {
                if ((packet.flags() & AV_PKT_FLAG_KEY) != 0) return true;
                videoPackets++;
            }
            av_packet_unref(packet);
        }
        return false;
    }

    @Override
    public void close() {
        if (frame != null) av_frame_free(frame);
        if (packet != null) av_packet_free(packet);
        if (ahead != null) av_packet_free(ahead);
        if (decoder != null) decoder.close();
        if (source != null) source.close();
        frame = null;
        packet = null;
        ahead = null;
        decoder = null;
        source = null;
        input = null;
    }
}
