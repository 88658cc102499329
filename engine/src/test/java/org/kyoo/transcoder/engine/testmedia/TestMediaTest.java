package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.media.MediaInput;

/** The fixtures hold what their specs say: the truth other tests compare against is true. */
class TestMediaTest {
    static Stream<Supplier<Fixture>> fixtures() {
        return Stream.of(TestMedia::multiTrackMkv, TestMedia::mp4, TestMedia::mp4WithoutBFrames, TestMedia::mpegTsOffset,
                TestMedia::variableFrameRate, TestMedia::audioOnly, TestMedia::coverPicture, TestMedia::manySegments,
                TestMedia::shortClip, TestMedia::hostileAttachmentMkv);
    }

    @org.junit.jupiter.api.Test
    void everyDecodedFrameShowsItsOwnPresentationTime() {
        Fixture f = TestMedia.variableFrameRate();
        Av.load();
        AVFormatContext ctx = new AVFormatContext(null);
        Av.check(avformat_open_input(ctx, f.path().toString(), null, null), "open");
        AVPacket p = av_packet_alloc();
        org.bytedeco.ffmpeg.avutil.AVFrame frame = av_frame_alloc();
        org.bytedeco.ffmpeg.avcodec.AVCodecContext dec = null;
        try {
            Av.check(avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null), "find_stream_info");
            AVStream st = ctx.streams(0);
            dec = avcodec_alloc_context3(avcodec_find_decoder(st.codecpar().codec_id()));
            Av.check(avcodec_parameters_to_context(dec, st.codecpar()), "parameters_to_context");
            Av.check(avcodec_open2(dec, dec.codec(), (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "open2");
            int checked = 0;
            while (checked < 30 && av_read_frame(ctx, p) >= 0) {
                if (p.stream_index() == 0) {
                    Av.check(avcodec_send_packet(dec, p), "send_packet");
                    while (avcodec_receive_frame(dec, frame) >= 0) {
                        int w = frame.width(), h = frame.height(), ls = frame.linesize(0);
                        byte[] luma = new byte[ls * h];
                        frame.data(0).get(luma);
                        long ms = Math.round(frame.best_effort_timestamp() * av_q2d(st.time_base()) * 1000);
                        assertEquals(ms, Stamp.read(luma, w, h, ls), "frame at " + ms + " ms");
                        checked++;
                    }
                }
                av_packet_unref(p);
            }
            assertEquals(30, checked);
        } finally {
            if (dec != null) avcodec_free_context(dec);
            av_frame_free(frame);
            av_packet_free(p);
            avformat_close_input(ctx);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void keyframePacketsAreWhereTheEncoderWasToldToPutThem(Supplier<Fixture> make) throws Exception {
        Fixture f = make.get();
        assertTrue(Files.size(f.path()) > 1000);
        Av.load();
        AVFormatContext ctx = new AVFormatContext(null);
        Av.check(avformat_open_input(ctx, f.path().toString(), null, null), "open");
        try {
            Av.check(avformat_find_stream_info(ctx, (org.bytedeco.javacpp.PointerPointer<?>) null), "find_stream_info");
            int expectedStreams = (f.spec().video() != null ? 1 : 0) + (f.spec().coverPicture() ? 1 : 0)
                    + f.spec().audios().size() + f.spec().subtitles().size() + f.spec().attachments().size();
            assertEquals(expectedStreams, ctx.nb_streams());
            assertEquals(f.spec().chapters().size(), ctx.nb_chapters());
            assertEquals(f.spec().duration(), ctx.duration() / 1e6, 0.1, "container duration");
            if (f.spec().video() == null) return;
            int v = av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, (org.bytedeco.ffmpeg.avcodec.AVCodec) null, 0);
            AVStream st = ctx.streams(v);
            assertEquals(f.spec().video().width(), st.codecpar().width());
            List<Double> keys = new ArrayList<>();
            AVPacket p = av_packet_alloc();
            try {
                while (av_read_frame(ctx, p) >= 0) {
                    if (p.stream_index() == v && (p.flags() & AV_PKT_FLAG_KEY) != 0) keys.add(p.pts() * av_q2d(st.time_base()));
                    av_packet_unref(p);
                }
            } finally {
                av_packet_free(p);
            }
            double[] expected = f.spec().video().keyframes();
            assertEquals(expected.length, keys.size(), "keyframe count: " + keys);
            for (int i = 0; i < expected.length; i++) assertEquals(expected[i], keys.get(i), 0.002, "keyframe " + i);
        } finally {
            avformat_close_input(ctx);
        }
    }

    @org.junit.jupiter.api.Test
    void theWebVttFixtureHoldsOnePacketPerCueWithTheCueText() {
        Fixture f = TestMedia.webVttMkv();
        AVPacket p = av_packet_alloc();
        try (MediaInput in = MediaInput.open(f.path())) {
            assertEquals(1, in.streamCount());
            AVStream st = in.stream(0);
            assertEquals(AV_CODEC_ID_WEBVTT, st.codecpar().codec_id());
            assertEquals(f.spec().duration(), in.context().duration() / 1e6, 0.1, "container duration");
            List<FixtureSpec.Cue> cues = f.spec().subtitles().get(0).cues();
            int i = 0;
            while (in.read(p)) {
                byte[] text = new byte[p.size()];
                p.data().get(text);
                FixtureSpec.Cue cue = cues.get(i++);
                assertEquals(cue.text(), new String(text, java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(cue.start(), p.pts() * av_q2d(st.time_base()), 0.001);
                assertEquals(cue.end() - cue.start(), p.duration() * av_q2d(st.time_base()), 0.001);
                av_packet_unref(p);
            }
            assertEquals(cues.size(), i);
        } finally {
            av_packet_free(p);
        }
    }

    @org.junit.jupiter.api.Test
    void aRepeatedFileHoldsItsCopiesBackToBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        // Matroska, as long1080p repeats: an MP4 source's edit list would not survive the copy
        Fixture f = TestMedia.variableFrameRate();
        java.nio.file.Path twice = tmp.resolve("twice.mkv");
        Remuxer.repeat(f.path(), twice, "matroska", 2, f.spec().duration());
        AVPacket p = av_packet_alloc();
        try (MediaInput in = MediaInput.open(twice)) {
            assertEquals(2 * f.spec().duration(), in.context().duration() / 1e6, 0.1, "container duration");
            int v = in.firstVideoStream();
            List<Double> keys = new ArrayList<>();
            while (in.read(p)) {
                if (p.stream_index() == v && (p.flags() & AV_PKT_FLAG_KEY) != 0) keys.add(p.pts() * av_q2d(in.stream(v).time_base()));
                av_packet_unref(p);
            }
            double[] once = f.spec().video().keyframes();
            assertEquals(2 * once.length, keys.size(), "keyframes: " + keys);
            for (int i = 0; i < keys.size(); i++) {
                double expected = once[i % once.length] + (i / once.length) * f.spec().duration();
                assertEquals(expected, keys.get(i), 0.002, "keyframe " + i);
            }
        } finally {
            av_packet_free(p);
        }
    }
}
