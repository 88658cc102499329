package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVContentLightMetadata;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVMasteringDisplayMetadata;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.VideoFilter;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.VideoSpec;

/**
 * HDR fixtures made from {@link HdrPicture}'s SDR picture, so a test knows what a viewer should
 * see: converted by zscale (zimg) to 10-bit BT.2020 in PQ or HLG, SDR white placed at 203 cd/m²
 * as BT.2408 places it (PQ's 58 %, HLG's 75 %), and encoded by libx265 with the stream's colour
 * tags, in Matroska. The PQ ones carry HDR10's static metadata in the bitstream (SEI) and the
 * container: a 1 000 cd/m² mastering display, MaxCLL 203 (the picture's white), MaxFALL 100.
 * 640x360 at 25 fps, a keyframe every 2 s, 4 s long: two segments, static picture.
 */
public final class HdrMedia {
    public static final int WIDTH = 640, HEIGHT = 360;
    static final double SECONDS = 4;
    static final int FPS = 25, GOP = 50;
    public static final int MAX_CLL = 203, MAX_FALL = 100, MASTERING_PEAK = 1000;
    private static final ConcurrentHashMap<String, Fixture> MADE = new ConcurrentHashMap<>();

    /** What the stream is. */
    enum Kind {
        HDR10("smpte2084", true, 0, 0), HLG("arib-std-b67", false, 0, 0),
        /** HDR10 base layer and a Dolby Vision profile 8.1 record (no RPU: players without Dolby Vision play the base). */
        DOLBY_VISION_8("smpte2084", true, 8, 1),
        /** A Dolby Vision profile 5 record on an untagged stream (no compatible base layer; PQ pictures stand in for IPTPQc2). */
        DOLBY_VISION_5("smpte2084", false, 5, 0);

        final String transfer;
        final boolean lightLevels;
        final int dvProfile;
        final int dvCompatibility;

        Kind(String transfer, boolean lightLevels, int dvProfile, int dvCompatibility) {
            this.transfer = transfer;
            this.lightLevels = lightLevels;
            this.dvProfile = dvProfile;
            this.dvCompatibility = dvCompatibility;
        }

        boolean tagged() {
            return dvProfile != 5;
        }
    }

    private HdrMedia() {}

    public static Fixture hdr10() {
        return make("hdr10.mkv", Kind.HDR10);
    }

    public static Fixture hlg() {
        return make("hlg.mkv", Kind.HLG);
    }

    public static Fixture dolbyVision8() {
        return make("dolby-vision-8.mkv", Kind.DOLBY_VISION_8);
    }

    public static Fixture dolbyVision5() {
        return make("dolby-vision-5.mkv", Kind.DOLBY_VISION_5);
    }

    private static Fixture make(String name, Kind kind) {
        return MADE.computeIfAbsent(name, n -> {
            Path file = TestMedia.madeOnce(TestMedia.dir().resolve(n), tmp -> write(kind, tmp));
            int frames = (int) (SECONDS * FPS);
            double[] times = new double[frames];
            for (int i = 0; i < frames; i++) times[i] = (double) i / FPS;
            double[] keys = {0, (double) GOP / FPS};
            return new Fixture(file, new FixtureSpec("matroska", SECONDS, 0,
                    new VideoSpec("hevc", WIDTH, HEIGHT, times, keys, false, null), List.of(), List.of(), List.of(), List.of(), false));
        });
    }

    /** zscale from the SDR picture to 10-bit BT.2020 in {@code transfer}, SDR white at 203 cd/m². */
    static String toHdr(String transfer) {
        return "zscale=tin=bt709:pin=bt709:min=bt709:rin=tv:t=linear:p=bt709:m=bt709:r=pc:npl=100,format=gbrpf32le,"
                + "zscale=tin=linear:pin=bt709:min=bt709:rin=pc:t=" + transfer + ":p=bt2020:m=bt2020nc:r=tv:npl=203,format=yuv420p10le";
    }

    private static void write(Kind kind, Path file) {
        Av.load();
        AVFrame sdr = HdrPicture.sdrFrame(WIDTH, HEIGHT);
        AVFrame hdr = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        AVCodecContext encoder = null;
        AVFormatContext out = new AVFormatContext(null);
        try (VideoFilter filter = new VideoFilter(sdr, av_make_q(1, FPS), toHdr(kind.transfer), graph -> { })) {
            filter.push(sdr);
            if (!filter.pull(hdr)) throw new IllegalStateException("zscale gave no picture");
            AVCodec codec = Av.checkAlloc(avcodec_find_encoder_by_name("libx265"), "libx265");
            encoder = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
            encoder.width(WIDTH).height(HEIGHT).pix_fmt(AV_PIX_FMT_YUV420P10LE).time_base(av_make_q(1, FPS))
                    .framerate(av_make_q(FPS, 1)).gop_size(GOP).max_b_frames(0).flags(AV_CODEC_FLAG_GLOBAL_HEADER);
            if (kind.tagged()) {
                encoder.color_primaries(AVCOL_PRI_BT2020).colorspace(AVCOL_SPC_BT2020_NCL).color_range(AVCOL_RANGE_MPEG)
                        .color_trc(kind.transfer.equals("smpte2084") ? AVCOL_TRC_SMPTE2084 : AVCOL_TRC_ARIB_STD_B67);
            }
            AVDictionary options = new AVDictionary(null);
            String params = "log-level=error:pools=1:frame-threads=1:keyint=" + GOP + ":min-keyint=" + GOP + ":scenecut=0:bframes=0";
            // HDR10's SEI: display primaries (G, B, R, white) in 0.00002 units, luminance in 0.0001 cd/m²
            if (kind.lightLevels) {
                params += ":hdr10=1:master-display=G(8500,39850)B(6550,2300)R(35400,14600)WP(15635,16450)L("
                        + MASTERING_PEAK * 10000 + ",50):max-cll=" + MAX_CLL + "," + MAX_FALL;
            }
            av_dict_set(options, "x265-params", params, 0);
            av_dict_set(options, "preset", "ultrafast", 0);
            try {
                Av.check(avcodec_open2(encoder, codec, options), "avcodec_open2 libx265");
            } finally {
                av_dict_free(options);
            }
            Av.check(avformat_alloc_output_context2(out, null, "matroska", file.toString()), "avformat_alloc_output_context2");
            AVStream stream = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
            Av.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "avcodec_parameters_from_context");
            stream.time_base(encoder.time_base());
            if (kind.lightLevels) addLightLevels(stream.codecpar());
            if (kind.dvProfile > 0) addDolbyVision(stream.codecpar(), kind.dvProfile, kind.dvCompatibility);
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "avio_open");
            out.pb(pb);
            Av.check(avformat_write_header(out, (AVDictionary) null), "avformat_write_header");
            for (int i = 0; i < SECONDS * FPS; i++) {
                Av.check(av_frame_make_writable(hdr), "av_frame_make_writable");
                hdr.pts(i).pict_type(i % GOP == 0 ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
                Av.check(avcodec_send_frame(encoder, hdr), "avcodec_send_frame");
                drain(encoder, out, stream, packet);
            }
            Av.check(avcodec_send_frame(encoder, null), "avcodec_send_frame(flush)");
            drain(encoder, out, stream, packet);
            Av.check(av_write_trailer(out), "av_write_trailer");
        } finally {
            if (out.pb() != null && !out.pb().isNull()) avio_closep(out.pb());
            if (!out.isNull()) avformat_free_context(out);
            if (encoder != null) avcodec_free_context(encoder);
            av_packet_free(packet);
            av_frame_free(hdr);
            av_frame_free(sdr);
        }
    }

    private static void drain(AVCodecContext encoder, AVFormatContext out, AVStream stream, AVPacket packet) {
        while (true) {
            int rc = avcodec_receive_packet(encoder, packet);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "avcodec_receive_packet");
            av_packet_rescale_ts(packet, encoder.time_base(), stream.time_base());
            packet.stream_index(stream.index());
            Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
        }
    }

    /** The container's copy of HDR10's metadata (Matroska's Colour element). */
    private static void addLightLevels(AVCodecParameters par) {
        AVMasteringDisplayMetadata display = new AVMasteringDisplayMetadata(
                sideData(par, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, Loader.sizeof(AVMasteringDisplayMetadata.class)));
        int[][] primaries = {{708, 292}, {170, 797}, {131, 46}};
        for (int c = 0; c < 3; c++) {
            display.display_primaries(c, 0, av_make_q(primaries[c][0], 1000));
            display.display_primaries(c, 1, av_make_q(primaries[c][1], 1000));
        }
        display.white_point(0, av_make_q(3127, 10000)).white_point(1, av_make_q(3290, 10000));
        display.min_luminance(av_make_q(5, 1000)).max_luminance(av_make_q(MASTERING_PEAK, 1)).has_primaries(1).has_luminance(1);
        AVContentLightMetadata light = new AVContentLightMetadata(
                sideData(par, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, Loader.sizeof(AVContentLightMetadata.class)));
        light.MaxCLL(MAX_CLL).MaxFALL(MAX_FALL);
    }

    /** libav's AVDOVIDecoderConfigurationRecord: version 1.0, profile, level 1, RPU, no enhancement layer, base layer, its compatibility. */
    private static void addDolbyVision(AVCodecParameters par, int profile, int compatibility) {
        BytePointer record = new BytePointer(sideData(par, AV_PKT_DATA_DOVI_CONF, 9));
        byte[] fields = {1, 0, (byte) profile, 1, 1, 0, 1, (byte) compatibility, 0};
        record.put(fields, 0, fields.length);
    }

    private static BytePointer sideData(AVCodecParameters par, int type, long size) {
        PointerPointer<?> array = new PointerPointer<>(1).put(0, par.coded_side_data());
        IntPointer count = new IntPointer(1).put(par.nb_coded_side_data());
        AVPacketSideData side = Av.checkAlloc(av_packet_side_data_new(array, count, type, size, 0), "av_packet_side_data_new");
        par.coded_side_data(new AVPacketSideData(array.get(0)));
        par.nb_coded_side_data(count.get());
        BytePointer data = side.data().capacity(size);
        data.fill(0);
        return data;
    }
}
