package org.kyoo.transcoder.engine.keyframes;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.lang.System.Logger.Level;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * Keyframes from packet flags: reads every packet of the video stream, decodes nothing, and keeps
 * the presentation time of each packet flagged {@code AV_PKT_FLAG_KEY} (what the original asked
 * ffprobe for with {@code -show_entries packet=pts_time,flags}), and where its segment is first
 * shown: the earliest of the leading pictures that follow an open-GOP keyframe in decode order
 * ({@link LeadingPictures}).
 */
final class PacketKeyframeScanner {
    private static final System.Logger LOG = System.getLogger(PacketKeyframeScanner.class.getName());

    private PacketKeyframeScanner() {}

    /**
     * Scans {@code input} from where it stands (just opened) to its end. Throws
     * {@link CancellationException} when {@code cancelled} turns true.
     */
    static void scan(MediaInput input, int video, KeyframeBatcher out, BooleanSupplier cancelled) {
        // The demuxer skips discarded streams' packets without handing them out: only video is read.
        for (int i = 0; i < input.streamCount(); i++) {
            if (i != video) input.stream(i).discard(AVDISCARD_ALL);
        }
        AVRational timeBase = input.stream(video).time_base();
        long num = timeBase.num();
        long den = timeBase.den();
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        LeadingPictures leading = new LeadingPictures();
        try {
            while (true) {
                if (cancelled.getAsBoolean()) throw new CancellationException("keyframe scan of " + input.path() + " cancelled");
                int rc = av_read_frame(input.context(), packet);
                if (rc == AVERROR_EOF) break;
                if (rc < 0) {
                    if (out.count() == 0) {
                        throw new MediaException(MediaException.Kind.UNREADABLE,
                                "Cannot read the video packets of " + input.path() + ": " + Av.errorText(rc));
                    }
                    // A damaged tail: what was read is still a valid list of cut points.
                    LOG.log(Level.WARNING, "Keyframe scan of " + input.path() + " stopped early: " + Av.errorText(rc));
                    break;
                }
                try {
                    // Packets without a pts (some raw streams) cannot mark a segment start; source timestamps
                    // are kept as they are, even when the file starts after 0 (SPEC: the source timeline).
                    // An empty packet (Theora's "show the last picture again") holds no picture to start on.
                    if (packet.stream_index() == video && packet.pts() != AV_NOPTS_VALUE && packet.size() > 0) {
                        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                        // the keyframe before is complete once the next one, or a picture after it, is read
                        if (key && leading.open()) out.add(leading.start() * num / (double) den, leading.keyframe() * num / (double) den);
                        leading.next(packet.pts(), key);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            if (leading.open()) out.add(leading.start() * num / (double) den, leading.keyframe() * num / (double) den);
        } finally {
            av_packet_free(packet);
        }
    }
}
