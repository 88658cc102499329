package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.av_buffer_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVBufferRef;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.codecs.Timestamps;
import org.kyoo.transcoder.engine.codecs.VideoFilter;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.containers.SegmentWriter;
import org.kyoo.transcoder.engine.encoding.ColourTags;
import org.kyoo.transcoder.engine.encoding.EncoderChoice;
import org.kyoo.transcoder.engine.encoding.VideoEncoding;
import org.kyoo.transcoder.engine.hardware.HardwareProfile;
import org.kyoo.transcoder.engine.hdr.ToneMap;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * A video quality: decode → scale (the profile's filter) → encode, one encoder per segment.
 *
 * <p>Why one encoder per segment rather than one per head with forced IDRs: libx264 holds ~38
 * frames of lookahead, so a continuous encoder finishes segment n only once fed well into n + 1;
 * a per-segment encoder flushed at the boundary publishes n as soon as its last frame is in
 * (LIBAV-NOTES measured it faster to the first segment), and lets the first segment use the
 * quicker start-up preset. Every segment starts with an IDR either way, so nothing is lost.
 */
public final class VideoPipeline implements SegmentPipeline {
    private static final System.Logger LOG = System.getLogger(VideoPipeline.class.getName());
    private final Path source;
    private final Quality quality;
    private final HardwareProfile profile;
    /** Which encoder, preset and options each segment is opened with: the pipeline only applies it. */
    private final VideoEncoding encoding;
    private final FrameObserver observer;
    private final Container container;
    /** Which video track (order among the video tracks) is transcoded. */
    private final int videoTrack;
    /** Upstream's {@code transcode}: the source's own size, at {@code quality}'s rates. */
    private final boolean keepSize;
    /** The curve HDR sources are tone-mapped with. */
    private final ToneMapping toneMapping;

    /** Sees every frame handed to an encoder (tests check that none precedes the head's start). */
    public interface FrameObserver {
        FrameObserver NONE = (segment, seconds) -> {};

        void encoding(int segment, double seconds);
    }

    /**
     * @param profile  decodes and filters on its device, and marks each segment's first frame
     * @param encoding the encoder of each segment (the output codec by {@code profile}'s encoder for it)
     * @param toneMapping the curve an HDR source is tone-mapped with
     */
    public VideoPipeline(Path source, Quality quality, HardwareProfile profile, VideoEncoding encoding, FrameObserver observer,
                         Container container, int videoTrack, boolean keepSize, ToneMapping toneMapping) {
        this.toneMapping = toneMapping;
        this.videoTrack = videoTrack;
        this.keepSize = keepSize;
        this.container = container;
        this.source = source;
        this.quality = quality;
        this.profile = profile;
        this.encoding = encoding;
        this.observer = observer;
    }

    @Override
    public void run(SegmentSink sink) {
        SegmentLoop.run(source, sink, Run::new);
    }

    private final class Run extends DecodingLoop {
        private final AVFrame scaled = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        private VideoFilter filter;
        private Encoder encoder;
        private SegmentWriter out;
        private AVStream stream;
        private AVRational frameRate;
        /** The tags of the head's first filtered picture: every segment's encoder writes them (one init for all). */
        private ColourTags tags;
        private double start;
        /** Whether a keyframe was read: a seek without an exact index (MPEG-TS) lands mid-GOP. */
        private boolean decoding;
        private LeadingFill leading;

        Run(MediaInput in, SegmentSink sink) {
            super(in, sink);
        }

        @Override
        int openInput() {
            start = sink.segmentStart(n);
            leading = new LeadingFill(start, sink.keyframeTime(n));
            int video = videoFromFirstSegment(videoTrack);
            stream = in.stream(video);
            openDecoder(stream, profile::configureDecoder);
            return video;
        }

        @Override
        void onPacket(AVPacket packet) {
            // nothing decodes before a keyframe
            decoding |= (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            leading.packet(packet, stream.time_base());
            if (decoding) super.onPacket(packet);
        }

        @Override
        void onFrame(AVFrame decoded) {
            long ts = decoded.best_effort_timestamp();
            if (ts == AV_NOPTS_VALUE) ts = decoded.pts();
            if (ts == AV_NOPTS_VALUE) return;
            // frames before the first segment only served to reach its keyframe
            if (Timestamps.seconds(ts, stream.time_base()) < start - SegmentSink.EPSILON) return;
            decoded.pts(ts);
            if (filter == null) {
                openFilter(decoded);
                for (long t : leading.before(ts)) pushCopy(decoded, t);
            }
            // the frame's references move into the graph: it is blank from here on
            filter.push(decoded);
            drainFilter();
        }

        /** The picture {@code frame} shown once more, at {@code pts}, before it (see {@link LeadingFill}). */
        private void pushCopy(AVFrame frame, long pts) {
            AVFrame copy = Av.checkAlloc(av_frame_clone(frame), "av_frame_clone");
            try {
                copy.pts(pts);
                filter.push(copy);
                drainFilter();
            } finally {
                av_frame_free(copy);
            }
        }

        @Override
        void endOfFrames() {
            if (filter != null && !stopped) {
                filter.push(null);
                drainFilter();
            }
            if (!halted() && out != null) {
                finishSegment(AV_NOPTS_VALUE);
                sink.publish(n);
            }
        }

        private void openFilter(AVFrame decoded) {
            boolean onDevice = decoded.hw_frames_ctx() != null && !decoded.hw_frames_ctx().isNull();
            PictureShape shape = PictureShape.of(stream, decoded);
            int width = keepSize ? shape.evenWidth() : shape.widthFor(quality);
            int height = keepSize ? shape.evenHeight() : quality.height();
            ToneMap toSdr = shape.toSdr(toneMapping);
            String caveat = ToneMapping.caveat(shape.colours());
            if (caveat != null) LOG.log(System.Logger.Level.WARNING, source.getFileName() + ": " + caveat);
            // software filters cannot touch frames on a device: there the profile deinterlaces and turns
            String chain = onDevice
                    ? profile.deviceFilter(width, height, shape.interlaced(), shape.clockwise(), toSdr) + shape.afterScale()
                    : shape.beforeScale() + profile.scaleFilter(width, height, false, toSdr) + shape.afterScale();
            filter = new VideoFilter(decoded, stream.time_base(), chain, profile::configureFilters);
            frameRate = FrameRate.of(stream, decoded);
        }

        private void drainFilter() {
            while (!stopped && filter.pull(scaled)) {
                try {
                    encode(scaled);
                } finally {
                    av_frame_unref(scaled);
                }
            }
        }

        private void encode(AVFrame frame) {
            double t = Timestamps.seconds(frame.pts(), filter.timeBase());
            while (out != null && t >= sink.segmentEnd(n) - SegmentSink.EPSILON) {
                // this frame opens the next segment: in fMP4 this one's samples last up to it
                finishSegment(frame.pts());
                if (!publishAndMoveOn()) return;
            }
            if (tags == null) tags = ColourTags.of(frame);
            if (out == null) {
                openSegment();
                // each segment opens on an IDR, so a player can start or switch quality here
                profile.forceKeyframe(frame);
            } else {
                frame.pict_type(AV_PICTURE_TYPE_NONE);
            }
            observer.encoding(n, t);
            encoder.send(frame);
            drainEncoder();
        }

        private void openSegment() {
            EncoderChoice choice = encoding.choose(sink.preset(n), sink.steadyPreset(), container == Container.FMP4,
                    encoderSetup(), c -> openEncoder(c, true));
            encoder = openEncoder(choice, false);
            out = SegmentWriter.forEncoder(sink.temporaryFile(n), encoder.context(), container);
        }

        /** What {@link #openEncoder} sets besides the encoder's own options: the same set-up writes the same parameter sets. */
        private String encoderSetup() {
            AVRational sar = filter.sampleAspectRatio();
            AVRational tb = filter.timeBase();
            return quality + " " + filter.width() + "x" + filter.height() + " fmt " + filter.pixelFormat()
                    + " rate " + frameRate.num() + "/" + frameRate.den() + " tb " + tb.num() + "/" + tb.den()
                    + " sar " + (sar == null ? "-" : sar.num() + ":" + sar.den()) + " colours " + tags;
        }

        /** @param globalHeader whether the parameter sets go to the context's extradata (only to compare them) */
        private Encoder openEncoder(EncoderChoice choice, boolean globalHeader) {
            return new Encoder(choice.encoderName(), (ctx, options) -> {
                ctx.width(filter.width()).height(filter.height()).pix_fmt(filter.pixelFormat());
                ctx.time_base(filter.timeBase()).framerate(frameRate).sample_aspect_ratio(filter.sampleAspectRatio());
                AVBufferRef frames = filter.hardwareFrames();
                if (frames != null) ctx.hw_frames_ctx(Av.checkAlloc(av_buffer_ref(frames), "av_buffer_ref hw_frames_ctx"));
                tags.apply(ctx);
                choice.configure(ctx, quality, options);
                if (globalHeader) ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            });
        }

        private void drainEncoder() {
            while (encoder.receive(packet)) {
                try {
                    out.write(packet);
                } finally {
                    av_packet_unref(packet);
                }
            }
        }

        /** Flushes the segment's encoder and completes its file, whose last frame lasts up to {@code next}. */
        private void finishSegment(long next) {
            encoder.send(null);
            drainEncoder();
            encoder.close();
            encoder = null;
            out.finish(next);
            out.close();
            out = null;
        }

        @Override
        public void close() {
            if (out != null) out.close();
            if (encoder != null) encoder.close();
            if (filter != null) filter.close();
            av_frame_free(scaled);
            super.close();
        }
    }
}
