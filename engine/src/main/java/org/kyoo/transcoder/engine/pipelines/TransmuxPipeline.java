package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Timestamps;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.containers.SegmentWriter;
import org.kyoo.transcoder.engine.containers.TransportStreamCodecs;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * The {@code original} stream: the source's video packets copied, cut at its own keyframes.
 *
 * <p>A segment's packets are held until its end: Matroska gives B-frame streams no decode
 * timestamps (dts = pts, out of order), which MPEG-TS refuses, so they are rebuilt per segment.
 */
public final class TransmuxPipeline implements SegmentPipeline {
    /**
     * Most bytes of packets held for one segment: a source with keyframes minutes apart would
     * otherwise keep all of them in native memory (a 40 Mb/s remux: 300 MB a minute).
     */
    private static final long MAX_HELD_BYTES = 256L << 20;
    /**
     * Seconds a non-key packet may come past a segment's end before the keyframe that starts the
     * next: reordered frames of the last GOP arrive after the cut's keyframe in decode order, never
     * this late.
     */
    private static final double MISSING_KEYFRAME = 1;

    private final Path source;
    private final long maxHeldBytes;
    private final Container container;
    /** Which video track (order among the video tracks) is copied. */
    private final int videoTrack;

    public TransmuxPipeline(Path source) {
        this(source, MAX_HELD_BYTES, Container.TS, 0);
    }

    public TransmuxPipeline(Path source, Container container, int videoTrack) {
        this(source, MAX_HELD_BYTES, container, videoTrack);
    }

    /** With another limit on the bytes held for one segment (tests). */
    TransmuxPipeline(Path source, long maxHeldBytes) {
        this(source, maxHeldBytes, Container.TS, 0);
    }

    private TransmuxPipeline(Path source, long maxHeldBytes, Container container, int videoTrack) {
        this.videoTrack = videoTrack;
        this.source = source;
        this.maxHeldBytes = maxHeldBytes;
        this.container = container;
    }

    @Override
    public void run(SegmentSink sink) {
        SegmentLoop.run(source, sink, Run::new);
    }

    private final class Run extends SegmentLoop {
        private final List<AVPacket> held = new ArrayList<>();
        private long heldBytes;
        /** Where the next segment's keyframe is in {@link #held} while its leading pictures are read; -1 when none. */
        private int cut = -1;
        /** The next segment's keyframe time, and the smallest of it and its leading pictures' (its fragment's tfdt). */
        private long cutTime = AV_NOPTS_VALUE, nextEarliest = AV_NOPTS_VALUE;
        private AVStream stream;
        private double start;
        private boolean open;

        Run(MediaInput in, SegmentSink sink) {
            super(in, sink);
        }

        @Override
        int openInput() {
            // the copy opens on segment n's keyframe; its leading pictures follow it in decode order
            start = sink.keyframeTime(n);
            int video = videoFromFirstSegment(videoTrack);
            stream = in.stream(video);
            int codec = stream.codecpar().codec_id();
            // fragmented MP4 carries what MPEG-TS cannot (VP9, AV1); its muxer refuses the rest itself
            if (container == Container.TS && !TransportStreamCodecs.carriesVideo(codec)) {
                throw new MediaException(MediaException.Kind.BAD_REQUEST, "The original " + avcodec_get_name(codec).getString()
                        + " video of " + in.path() + " cannot be copied into MPEG-TS segments: ask for a transcoded quality");
            }
            return video;
        }

        @Override
        void onPacket(AVPacket packet) {
            long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
            if (ts == AV_NOPTS_VALUE) return;
            double t = Timestamps.seconds(ts, stream.time_base());
            boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            if (cut >= 0) {
                if (!key && ts < cutTime) {
                    // a leading picture of the next segment's open-GOP keyframe, shown before it
                    nextEarliest = Math.min(nextEarliest, ts);
                } else {
                    writeSegment(nextEarliest);
                    if (!publishAndMoveOn()) return;
                }
            }
            if (!key && cut < 0 && t > sink.segmentEnd(n) + MISSING_KEYFRAME) throw noKeyframeAt(sink.segmentEnd(n));
            if (!open) {
                // the seek lands on or before the segment's keyframe: nothing before it is copied
                if (!key || t < start - SegmentSink.EPSILON) return;
                open = true;
            } else if (key && cut < 0 && t >= sink.segmentEnd(n) - SegmentSink.EPSILON) {
                // segment n ends here, once the keyframe's leading pictures (if any) are read:
                // they are the next segment's, and where it starts showing
                cut = held.size();
                cutTime = ts;
                nextEarliest = ts;
            }
            hold(packet);
        }

        @Override
        void flush() {
            if (held.isEmpty()) return;
            if (cut >= 0) {
                writeSegment(nextEarliest);
                if (!publishAndMoveOn()) return;
            }
            writeSegment(AV_NOPTS_VALUE);
            sink.publish(n);
        }

        /**
         * The playlist cuts where the source has no keyframe (its keyframes were made up: one GOP for
         * the whole file, or none found): a copy cannot start a segment there, a transcode can.
         */
        private MediaException noKeyframeAt(double cut) {
            return new MediaException(MediaException.Kind.BAD_REQUEST, String.format(Locale.ROOT,
                    "The original video of %s has no keyframe at %.3f s where segment %d starts: only a transcoded"
                            + " quality can be served", in.path(), cut, n + 1));
        }

        private void hold(AVPacket packet) {
            heldBytes += packet.size();
            if (heldBytes > maxHeldBytes) {
                String limit = maxHeldBytes >= 1 << 20 ? (maxHeldBytes >> 20) + " MB" : maxHeldBytes + " bytes";
                throw new MediaException(MediaException.Kind.UNREADABLE, "Segment " + n + " of the original " + in.path()
                        + " would hold more than " + limit + ": its keyframes are too far apart to copy it,"
                        + " only a transcoded quality can be served");
            }
            held.add(Av.checkAlloc(av_packet_clone(packet), "av_packet_clone"));
        }

        /**
         * Writes segment n's file: the held packets before the cut (all when there is none);
         * {@code nextStart} is where the next segment starts showing (none at the end).
         */
        private void writeSegment(long nextStart) {
            List<AVPacket> segment = cut >= 0 ? held.subList(0, cut) : held;
            fixDecodeTimestamps(segment);
            try (SegmentWriter out = SegmentWriter.forCopy(sink.temporaryFile(n), stream.codecpar(), stream.time_base(), container)) {
                for (AVPacket p : segment) out.write(p);
                out.finish(nextStart);
            } finally {
                for (AVPacket p : segment) {
                    heldBytes -= p.size();
                    av_packet_free(p);
                }
                segment.clear();
                cut = -1;
            }
        }

        /**
         * Keeps the source's dts when they increase and never pass the pts; otherwise gives the i-th
         * packet the i-th smallest pts, moved back just enough to stay at or before every pts.
         */
        private void fixDecodeTimestamps(List<AVPacket> held) {
            boolean valid = true;
            long previous = Long.MIN_VALUE;
            for (AVPacket p : held) {
                long dts = p.dts();
                if (dts == AV_NOPTS_VALUE || dts <= previous || (p.pts() != AV_NOPTS_VALUE && dts > p.pts())) {
                    valid = false;
                    break;
                }
                previous = dts;
            }
            if (valid) return;
            long[] sorted = new long[held.size()];
            for (int i = 0; i < sorted.length; i++) {
                AVPacket p = held.get(i);
                if (p.pts() == AV_NOPTS_VALUE) p.pts(i == 0 ? 0 : held.get(i - 1).pts() + 1);
                sorted[i] = p.pts();
            }
            Arrays.sort(sorted);
            long shift = 0;
            for (int i = 0; i < sorted.length; i++) shift = Math.max(shift, sorted[i] - held.get(i).pts());
            for (int i = 0; i < sorted.length; i++) held.get(i).dts(sorted[i] - shift);
        }

        private void freeHeld() {
            for (AVPacket p : held) av_packet_free(p);
            held.clear();
            heldBytes = 0;
        }

        @Override
        public void close() {
            freeHeld();
            super.close();
        }
    }
}
