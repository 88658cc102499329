package org.kyoo.transcoder.engine.streams;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.AudioPipeline;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;

/** A head's first audio segment is encoded in two halves at once; a listener must not hear the seam. */
class AudioFirstSegmentSplitTest {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    /** The packets of a segment (pts in samples) and its decoded first channel. */
    private record Decoded(int rate, List<Long> packetPts, List<Long> framePts, float[] samples) {}

    @Test
    void aHeadsFirstSegmentIsContinuousAcrossItsMidPoint() {
        Fixture f = TestMedia.multiTrackMkv();
        // segment 1 as a head's first (split) and as the second segment of a head from 0 (one encoder)
        Path split = Fixtures.path(Fixtures.stream(f, cache.resolve("split"), VideoPipeline.FrameObserver.NONE).segment(Rendition.tsAudio(0), 1).join());
        FileStream whole = Fixtures.stream(f, cache.resolve("whole"), VideoPipeline.FrameObserver.NONE);
        whole.segment(Rendition.tsAudio(0), 0).join();
        Path unsplit = Fixtures.path(whole.segment(Rendition.tsAudio(0), 1).join());

        Decoded s = decode(split), u = decode(unsplit);
        assertTrue(s.packetPts().size() >= 2 * AudioPipeline.SPLIT_MIN_FRAMES, "a segment long enough to be split");
        for (int i = 1; i < s.packetPts().size(); i++) {
            assertEquals(AudioPipeline.FRAME, s.packetPts().get(i) - s.packetPts().get(i - 1), "packet " + i + " follows the one before");
        }
        for (int i = 1; i < s.framePts().size(); i++) {
            assertEquals(AudioPipeline.FRAME, s.framePts().get(i) - s.framePts().get(i - 1), "decoded frame " + i + " follows the one before");
        }
        assertEquals(u.packetPts().get(0), s.packetPts().get(0), 1, "same start as one encoder's");
        long splitEnd = s.packetPts().get(s.packetPts().size() - 1) + AudioPipeline.FRAME;
        long wholeEnd = u.packetPts().get(u.packetPts().size() - 1) + AudioPipeline.FRAME;
        assertEquals(wholeEnd, splitEnd, AudioPipeline.FRAME, "same duration as one encoder's, within a frame");

        // a 440 Hz tone: the largest step between samples at the seam is a normal one, no click
        int frames = s.packetPts().size();
        int mid = AudioPipeline.FRAME * (frames / 2);
        float seam = largestStep(s.samples(), mid - AudioPipeline.FRAME, mid + AudioPipeline.FRAME);
        float elsewhere = largestStep(s.samples(), 2 * AudioPipeline.FRAME, mid - 2 * AudioPipeline.FRAME);
        assertTrue(elsewhere > 0.001f, "the tone is heard");
        assertTrue(seam <= elsewhere * 1.5f, "step at the seam " + seam + ", elsewhere up to " + elsewhere);
    }

    private static float largestStep(float[] samples, int from, int to) {
        float largest = 0;
        for (int i = Math.max(1, from); i < Math.min(samples.length, to); i++) {
            largest = Math.max(largest, Math.abs(samples[i] - samples[i - 1]));
        }
        return largest;
    }

    private static Decoded decode(Path file) {
        Av.load();
        AVFormatContext ctx = new AVFormatContext(null);
        Av.check(avformat_open_input(ctx, file.toString(), null, null), "avformat_open_input " + file);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        AVCodecContext decoder = null;
        try {
            Av.check(avformat_find_stream_info(ctx, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "avformat_find_stream_info");
            AVStream st = ctx.streams(0);
            int rate = st.codecpar().sample_rate();
            decoder = avcodec_alloc_context3(avcodec_find_decoder(st.codecpar().codec_id()));
            avcodec_parameters_to_context(decoder, st.codecpar());
            decoder.pkt_timebase(st.time_base());
            Av.check(avcodec_open2(decoder, avcodec_find_decoder(st.codecpar().codec_id()), (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "open decoder");
            List<Long> packets = new ArrayList<>(), frames = new ArrayList<>();
            List<float[]> chunks = new ArrayList<>();
            while (av_read_frame(ctx, packet) >= 0) {
                packets.add(toSamples(packet.pts(), st, rate));
                Av.check(avcodec_send_packet(decoder, packet), "avcodec_send_packet");
                av_packet_unref(packet);
                receive(decoder, frame, st, rate, frames, chunks);
            }
            avcodec_send_packet(decoder, null);
            receive(decoder, frame, st, rate, frames, chunks);
            int total = chunks.stream().mapToInt(c -> c.length).sum();
            float[] samples = new float[total];
            int at = 0;
            for (float[] c : chunks) {
                System.arraycopy(c, 0, samples, at, c.length);
                at += c.length;
            }
            return new Decoded(rate, packets, frames, samples);
        } finally {
            if (decoder != null) avcodec_free_context(decoder);
            av_frame_free(frame);
            av_packet_free(packet);
            avformat_close_input(ctx);
        }
    }

    private static void receive(AVCodecContext decoder, AVFrame frame, AVStream st, int rate, List<Long> frames, List<float[]> chunks) {
        while (avcodec_receive_frame(decoder, frame) >= 0) {
            assertEquals(AV_SAMPLE_FMT_FLTP, frame.format(), "the AAC decoder gives planar float");
            frames.add(toSamples(frame.best_effort_timestamp(), st, rate));
            float[] c = new float[frame.nb_samples()];
            new FloatPointer(frame.extended_data(0)).get(c);
            chunks.add(c);
            av_frame_unref(frame);
        }
    }

    /** A 90 kHz MPEG-TS time in samples, rounded (1024 samples are not a whole number of ticks at 44.1 kHz). */
    private static long toSamples(long ts, AVStream st, int rate) {
        return Math.round(ts * av_q2d(st.time_base()) * rate);
    }
}
