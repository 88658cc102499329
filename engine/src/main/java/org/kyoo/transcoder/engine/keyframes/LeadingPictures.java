package org.kyoo.transcoder.engine.keyframes;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * The pictures an open-GOP keyframe (HEVC's CRA, an MPEG-2 I frame of an open GOP) is followed by
 * in decode order but shown before: its segment is first shown at the earliest of them, and every
 * rendition cuts there, so a copy whose fragment holds them and a transcode that starts decoding
 * at the keyframe tile the timeline alike. Fed one packet at a time, in decode order: they are the
 * pictures after the keyframe, up to the first shown after it (a closed GOP has none).
 */
final class LeadingPictures {
    /** Packets read after a keyframe, at most, to find where its leading pictures end. */
    private static final int MAX_READ = 64;

    private long keyframe = Long.MIN_VALUE;
    private long start;
    private boolean leading;

    /** Whether a keyframe was seen (its segment's start is what {@link #start()} says so far). */
    boolean open() {
        return keyframe != Long.MIN_VALUE;
    }

    /** The keyframe's own time (stream time base). */
    long keyframe() {
        return keyframe;
    }

    /** The earliest picture of its segment: the keyframe's, or its first leading picture's. */
    long start() {
        return start;
    }

    /** The next packet in decode order: its pts, and whether it is a keyframe. */
    void next(long pts, boolean key) {
        if (key) {
            keyframe = pts;
            start = pts;
            leading = true;
        } else if (leading) {
            if (pts < keyframe) start = Math.min(start, pts);
            else leading = false;
        }
    }

    /**
     * Whether any of {@code samples} keyframes spread over {@code keyframes} (presentation times of
     * stream {@code video}, as a container index gives them) has leading pictures: an index holds
     * the keyframes only, not where their segments are first shown. Encoders keep one GOP structure
     * for a whole file, so a few tell. Moves the demuxer's read position.
     */
    static boolean foundAfterAny(MediaInput input, int video, long[] keyframes, int samples) {
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            for (int k = 1; k <= samples && k < keyframes.length; k++) {
                int i = (int) ((long) k * (keyframes.length - 1) / samples);
                if (av_seek_frame(input.context(), video, keyframes[i], AVSEEK_FLAG_BACKWARD) < 0) return true;
                LeadingPictures after = new LeadingPictures();
                for (int read = 0; read < MAX_READ && av_read_frame(input.context(), packet) >= 0; read++) {
                    try {
                        if (packet.stream_index() != video || packet.pts() == AV_NOPTS_VALUE) continue;
                        boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                        if (after.open() && (key || packet.pts() >= after.keyframe())) break;
                        after.next(packet.pts(), key);
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                // a seek that did not land on a keyframe tells nothing: the scan knows better
                if (!after.open() || after.start() < after.keyframe()) return true;
            }
            return false;
        } finally {
            av_packet_free(packet);
        }
    }
}
