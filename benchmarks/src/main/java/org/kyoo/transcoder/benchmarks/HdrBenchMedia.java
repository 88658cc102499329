package org.kyoo.transcoder.benchmarks;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Decoder;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.codecs.VideoFilter;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * The HDR benchmark's sources, made in-process once from the bench's moving 1080p picture
 * ({@link TestMedia#long1080p}) and kept beside it: 10-bit HEVC (libx265, 5-s closed GOPs, as a
 * remux's would be at 24 fps) at 1080p or 4K, either HDR10 (BT.2020 PQ, SDR white at 203 cd/m²,
 * MaxCLL 1 000 as a film's) or SDR (BT.709), so the two differ only in the tone mapping a
 * transcode then does. Length from {@code -Dhdr.seconds} (default 30).
 */
final class HdrBenchMedia {
    static final int GOP_SECONDS = 5;

    private HdrBenchMedia() {}

    static int seconds() {
        return Integer.getInteger("hdr.seconds", 30);
    }

    /** The source of {@code height} lines (1080 or 2160), HDR10 or SDR. */
    static Path of(int height, boolean hdr) {
        int width = height * 16 / 9;
        Path made = TestMedia.dir().resolve("bench-" + (hdr ? "hdr10" : "sdr10") + "-" + height + "p-" + seconds() + "s.mkv");
        return TestMedia.madeOnce(made, tmp -> write(TestMedia.long1080p(60, GOP_SECONDS).path(), tmp, width, height, hdr));
    }

    private static String filter(int width, int height, boolean hdr) {
        String toLinear = "zscale=w=" + width + ":h=" + height + ":tin=bt709:pin=bt709:min=bt709:rin=tv:t=linear:p=bt709:m=bt709:r=pc"
                + ":npl=100,format=gbrpf32le,";
        return hdr ? toLinear + "zscale=tin=linear:pin=bt709:min=bt709:rin=pc:t=smpte2084:p=bt2020:m=bt2020nc:r=tv:npl=203,format=yuv420p10le"
                : "scale=" + width + ":" + height + ",format=yuv420p10le";
    }

    private static void write(Path source, Path target, int width, int height, boolean hdr) {
        Av.load();
        int fps = 24;
        AVFormatContext out = new AVFormatContext(null);
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        AVFrame decoded = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        AVFrame filtered = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        VideoFilter graph = null;
        Encoder encoder = null;
        try (MediaInput in = MediaInput.open(source)) {
            int video = in.firstVideoStream();
            AVStream stream = in.stream(video);
            try (Decoder decoder = new Decoder(stream, ctx -> ctx.thread_count(0))) {
                AVStream st = null;
                long frames = 0, wanted = (long) seconds() * fps;
                while (frames < wanted && in.read(packet)) {
                    if (packet.stream_index() != video) {
                        av_packet_unref(packet);
                        continue;
                    }
                    decoder.send(packet);
                    av_packet_unref(packet);
                    while (frames < wanted && decoder.receive(decoded)) {
                        decoded.pts(frames);
                        if (graph == null) graph = new VideoFilter(decoded, av_make_q(1, fps), filter(width, height, hdr), g -> { });
                        graph.push(decoded);
                        while (graph.pull(filtered)) {
                            if (encoder == null) {
                                encoder = encoder(width, height, fps, hdr);
                                Av.check(avformat_alloc_output_context2(out, null, "matroska", target.toString()), "avformat_alloc_output_context2");
                                st = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
                                Av.check(avcodec_parameters_from_context(st.codecpar(), encoder.context()), "avcodec_parameters_from_context");
                                st.time_base(encoder.context().time_base());
                                AVIOContext pb = new AVIOContext(null);
                                Av.check(avio_open(pb, target.toString(), AVIO_FLAG_WRITE), "avio_open");
                                out.pb(pb);
                                Av.check(avformat_write_header(out, (AVDictionary) null), "avformat_write_header");
                            }
                            filtered.pict_type(frames % ((long) GOP_SECONDS * fps) == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                            encoder.send(filtered);
                            av_frame_unref(filtered);
                            drain(encoder, out, st, packet);
                            frames++;
                        }
                    }
                }
                encoder.send(null);
                drain(encoder, out, st, packet);
                Av.check(av_write_trailer(out), "av_write_trailer");
            }
        } finally {
            if (graph != null) graph.close();
            if (encoder != null) encoder.close();
            if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
            if (!out.isNull()) avformat_free_context(out);
            av_frame_free(filtered);
            av_frame_free(decoded);
            av_packet_free(packet);
        }
    }

    private static Encoder encoder(int width, int height, int fps, boolean hdr) {
        return new Encoder("libx265", (ctx, options) -> {
            ctx.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P10LE).time_base(av_make_q(1, fps)).framerate(av_make_q(fps, 1))
                    .flags(AV_CODEC_FLAG_GLOBAL_HEADER).color_range(AVCOL_RANGE_MPEG);
            if (hdr) ctx.color_primaries(AVCOL_PRI_BT2020).color_trc(AVCOL_TRC_SMPTE2084).colorspace(AVCOL_SPC_BT2020_NCL);
            else ctx.color_primaries(AVCOL_PRI_BT709).color_trc(AVCOL_TRC_BT709).colorspace(AVCOL_SPC_BT709);
            int gop = GOP_SECONDS * fps;
            String params = "log-level=error:keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:open-gop=0";
            if (hdr) params += ":hdr10=1:master-display=G(8500,39850)B(6550,2300)R(35400,14600)WP(15635,16450)L(10000000,50):max-cll=1000,400";
            Av.check(av_dict_set(options, "x265-params", params, 0), "av_dict_set");
            Av.check(av_dict_set(options, "preset", "ultrafast", 0), "av_dict_set");
            // the file's bit rate, as a remux's would be: 8 Mb/s at 1080p, 20 at 4K
            ctx.bit_rate(height > 1080 ? 20_000_000 : 8_000_000);
        });
    }

    private static void drain(Encoder encoder, AVFormatContext out, AVStream st, AVPacket packet) {
        while (encoder.receive(packet)) {
            av_packet_rescale_ts(packet, encoder.context().time_base(), st.time_base());
            packet.stream_index(st.index());
            Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
        }
    }
}
