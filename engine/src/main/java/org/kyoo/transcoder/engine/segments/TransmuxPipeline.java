package org.kyoo.transcoder.engine.segments;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;

/** The {@code original} stream: the source's video packets copied, cut at its own keyframes. */
final class TransmuxPipeline implements SegmentPipeline {
    private final Path source;

    TransmuxPipeline(Path source) {
        this.source = source;
    }

    @Override
    public void run(SegmentSink sink) {
        try (InputFile in = InputFile.open(source); Run run = new Run(in, sink)) {
            run.copy();
        }
    }

    private static final class Run implements AutoCloseable {
        private final InputFile in;
        private final SegmentSink sink;
        private final AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        private SegmentWriter out;
        private int n;

        Run(InputFile in, SegmentSink sink) {
            this.in = in;
            this.sink = sink;
            this.n = sink.first();
        }

        void copy() {
            int video = in.firstVideoStream();
            if (video < 0) throw new MediaException(MediaException.Kind.BAD_REQUEST, "No video in " + in.path());
            AVStream stream = in.stream(video);
            double start = sink.segmentStart(n);
            if (n > 0) in.seek(video, start + SegmentSink.EPSILON, video, start + SegmentSink.EPSILON);
            sink.starting(n);
            while (!sink.cancelled() && in.read(packet)) {
                try {
                    if (packet.stream_index() != video) continue;
                    long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    if (ts == AV_NOPTS_VALUE) continue;
                    double t = InputFile.seconds(ts, stream.time_base());
                    boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                    if (out == null) {
                        // the seek lands on or before the segment's keyframe: nothing before it is copied
                        if (!key || t < start - SegmentSink.EPSILON) continue;
                        out = SegmentWriter.forCopy(sink.temporaryFile(n), stream.codecpar(), stream.time_base());
                    } else if (key && t >= sink.segmentEnd(n) - SegmentSink.EPSILON) {
                        if (!finishSegment()) return;
                        n++;
                        sink.starting(n);
                        out = SegmentWriter.forCopy(sink.temporaryFile(n), stream.codecpar(), stream.time_base());
                    }
                    out.write(packet);
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (!sink.cancelled() && out != null) finishSegment();
        }

        private boolean finishSegment() {
            out.finish();
            out.close();
            out = null;
            return sink.publish(n);
        }

        @Override
        public void close() {
            if (out != null) out.close();
            av_packet_free(packet);
        }
    }
}
