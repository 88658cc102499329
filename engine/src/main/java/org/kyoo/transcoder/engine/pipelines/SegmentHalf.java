package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.containers.SegmentWriter;

/**
 * The second half of an audio segment, AAC-encoded on a thread of its own while the caller encodes
 * the first: its samples are copied out of the (single-threaded) timeline before the thread starts,
 * and its packets are held until the caller appends them to the segment after the first half's.
 */
final class SegmentHalf implements AutoCloseable {
    private static final int FRAME = AudioPipeline.FRAME;

    private final FutureTask<List<AVPacket>> task;
    /** Set when the caller gives up on the half: the thread stops at its next frame. */
    private volatile boolean abandoned;
    private List<AVPacket> packets;

    private SegmentHalf(List<AVFrame> input, int rate, long bitRate, long begin, long end, boolean last) {
        task = new FutureTask<>(() -> encode(input, rate, bitRate, begin, end, last));
    }

    /**
     * Starts encoding [begin, end) like a segment of its own: fed from one frame before {@code begin}
     * to {@code feedEnd}, keeping the packets {@link AudioPipeline#kept} keeps.
     */
    static SegmentHalf start(AudioTimeline timeline, int rate, long bitRate, long begin, long end, boolean last, long feedEnd, String name) {
        List<AVFrame> input = new ArrayList<>();
        try {
            for (long pos = begin - FRAME; pos < feedEnd; pos += FRAME) {
                int count = (int) Math.min(FRAME, feedEnd - pos);
                AVFrame frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
                input.add(frame);
                frame.format(AV_SAMPLE_FMT_FLTP).sample_rate(rate).nb_samples(count);
                av_channel_layout_default(frame.ch_layout(), 2);
                Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
                frame.pts(pos);
                timeline.read(frame, pos, count);
            }
            SegmentHalf half = new SegmentHalf(input, rate, bitRate, begin, end, last);
            // on the heads' reused threads, for the same reason they are reused (malloc arenas)
            HeadThreads.run(name, half.task);
            return half;
        } catch (RuntimeException | Error e) {
            freeFrames(input);
            throw e;
        }
    }

    /** Runs on the half's thread; frees its input whatever happens. */
    private List<AVPacket> encode(List<AVFrame> input, int rate, long bitRate, long begin, long end, boolean last) {
        List<AVPacket> out = new ArrayList<>();
        AVPacket packet = null;
        try (Encoder encoder = AudioPipeline.aacEncoder(rate, bitRate)) {
            packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
            for (AVFrame frame : input) {
                if (abandoned) return out;
                encoder.send(frame);
                collect(encoder, packet, out, begin, end, last);
            }
            encoder.send(null);
            collect(encoder, packet, out, begin, end, last);
            return out;
        } catch (RuntimeException | Error e) {
            freePackets(out);
            throw e;
        } finally {
            if (packet != null) av_packet_free(packet);
            freeFrames(input);
        }
    }

    private static void collect(Encoder encoder, AVPacket packet, List<AVPacket> out, long begin, long end, boolean last) {
        while (encoder.receive(packet)) {
            try {
                if (AudioPipeline.kept(packet.pts(), begin, end, last)) {
                    out.add(Av.checkAlloc(av_packet_clone(packet), "av_packet_clone"));
                }
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** Waits for the half, then writes its packets in order. */
    void writeTo(SegmentWriter writer) {
        for (AVPacket packet : result()) writer.write(packet);
    }

    private List<AVPacket> result() {
        if (packets != null) return packets;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    packets = task.get();
                    return packets;
                } catch (InterruptedException e) {
                    // the thread holds native memory: it is always waited for
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            packets = List.of();
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException("encoding the second half of a segment failed", e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Stops the half if still running, waits for it and frees its packets. */
    @Override
    public void close() {
        abandoned = true;
        try {
            result();
        } catch (RuntimeException | Error e) {
            // already reported by writeTo, or the segment is being abandoned for another failure
        }
        freePackets(packets);
        packets = List.of();
    }

    private static void freeFrames(List<AVFrame> frames) {
        for (AVFrame frame : frames) av_frame_free(frame);
        frames.clear();
    }

    private static void freePackets(List<AVPacket> packets) {
        for (AVPacket packet : packets) av_packet_free(packet);
    }
}
