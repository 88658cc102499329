package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.SUBTITLE_BITMAP;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_encode_subtitle;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avcodec.AVSubtitleRect;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;

/**
 * A DVD (VobSub) subtitle track in Matroska, encoded in-process by the bundled {@code dvdsub}
 * encoder: each cue a white bar on a 320x180 screen, shown from its start to its end.
 */
public final class DvdSubWriter {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 180;
    private static final int BAR_WIDTH = 32;
    private static final int BAR_HEIGHT = 8;
    private static final AVRational MILLISECONDS = av_make_q(1, 1000);

    /** A cue shown from {@code start} to {@code end} seconds. */
    public record Cue(double start, double end) {}

    private DvdSubWriter() {}

    public static Path write(Path mkv, List<Cue> cues) {
        Av.load();
        AVCodec codec = avcodec_find_encoder_by_name("dvdsub");
        if (codec == null) throw new IllegalStateException("no dvdsub encoder");
        AVCodecContext encoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
        AVFormatContext out = new AVFormatContext(null);
        BytePointer buffer = new BytePointer(av_malloc(1 << 16));
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            encoder.width(WIDTH).height(HEIGHT).time_base(MILLISECONDS);
            Av.check(avcodec_open2(encoder, codec, (AVDictionary) null), "avcodec_open2 dvdsub");
            Av.check(avformat_alloc_output_context2(out, null, "matroska", mkv.toString()), "avformat_alloc_output_context2");
            AVStream stream = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
            Av.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "avcodec_parameters_from_context");
            stream.time_base(MILLISECONDS);
            AVIOContext io = new AVIOContext(null);
            Av.check(avio_open(io, mkv.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(io);
            Av.check(avformat_write_header(out, (AVDictionary) null), "avformat_write_header");
            for (Cue cue : cues) {
                int size;
                try (AVSubtitle subtitle = bar(cue)) {
                    size = Av.check(avcodec_encode_subtitle(encoder, buffer, 1 << 16, subtitle), "avcodec_encode_subtitle");
                    avsubtitle_free(subtitle);
                }
                Av.check(av_new_packet(packet, size), "av_new_packet");
                Pointer.memcpy(packet.data(), buffer, size);
                packet.pts(av_rescale_q(Math.round(cue.start() * 1000), MILLISECONDS, stream.time_base()));
                packet.dts(packet.pts());
                packet.duration(av_rescale_q(Math.round((cue.end() - cue.start()) * 1000), MILLISECONDS, stream.time_base()));
                Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
            }
            Av.check(av_write_trailer(out), "av_write_trailer");
        } finally {
            av_packet_free(packet);
            av_free(buffer);
            if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
            if (!out.isNull()) avformat_free_context(out);
            avcodec_free_context(encoder);
        }
        return mkv;
    }

    /** One bitmap rectangle of palette colour 1 (white) over 0 (transparent); avsubtitle_free frees it all. */
    private static AVSubtitle bar(Cue cue) {
        AVSubtitle subtitle = new AVSubtitle();
        Pointer.memset(subtitle, 0, Loader.sizeof(AVSubtitle.class));
        AVSubtitleRect rect = new AVSubtitleRect(Av.checkAlloc(av_mallocz(Loader.sizeof(AVSubtitleRect.class)), "av_mallocz"));
        BytePointer pixels = new BytePointer(Av.checkAlloc(av_malloc(BAR_WIDTH * BAR_HEIGHT), "av_malloc"));
        for (int i = 0; i < BAR_WIDTH * BAR_HEIGHT; i++) pixels.put(i, (byte) 1);
        IntPointer palette = new IntPointer(Av.checkAlloc(av_mallocz(4 * 4), "av_mallocz"));
        palette.put(0, 0x00000000).put(1, 0xffffffff).put(2, 0xff000000).put(3, 0xff808080);
        rect.x((WIDTH - BAR_WIDTH) / 2).y(HEIGHT - 20).w(BAR_WIDTH).h(BAR_HEIGHT).nb_colors(4).type(SUBTITLE_BITMAP);
        rect.data(0, pixels).linesize(0, BAR_WIDTH);
        rect.data(1, new BytePointer(palette)).linesize(1, 4 * 4);
        PointerPointer<AVSubtitleRect> rects = new PointerPointer<>(Av.checkAlloc(av_mallocz(8), "av_mallocz"));
        rects.put(0, rect);
        subtitle.num_rects(1).rects(rects);
        // the encoder asks the display window to start at the packet's time
        subtitle.start_display_time(0).end_display_time((int) Math.round((cue.end() - cue.start()) * 1000));
        subtitle.pts(Math.round(cue.start() * 1_000_000));
        return subtitle;
    }
}
