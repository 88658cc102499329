package org.kyoo.transcoder.engine.testmedia;

import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avformat.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.AttachmentSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.ChapterSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.Cue;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.SubtitleSpec;

/** Encodes a {@link Recipe} into a file with libav, in-process: synthetic pictures, tones, text. */
final class MediaWriter implements AutoCloseable {
    private static final AVRational MILLIS = av_make_q(1, 1000);
    /** AV_FRAME_FLAG_INTERLACED and AV_FRAME_FLAG_TOP_FIELD_FIRST (macros, not mapped). */
    private static final int FRAME_INTERLACED = 1 << 3;
    private static final int FRAME_TOP_FIELD_FIRST = 1 << 4;

    private final Recipe recipe;
    private final AVFormatContext out;
    private final List<Encoder> encoders = new ArrayList<>();
    private final AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
    private VideoEncoder video;
    private AVStream cover;
    private final List<AVStream> subtitleStreams = new ArrayList<>();

    static void write(Recipe recipe, Path file) {
        Av.load();
        try (MediaWriter w = new MediaWriter(recipe, file)) {
            w.writeAll();
        }
    }

    private MediaWriter(Recipe recipe, Path file) {
        this.recipe = recipe;
        AVFormatContext ctx = new AVFormatContext(null);
        Av.check(avformat_alloc_output_context2(ctx, null, recipe.format(), file.toString()), "avformat_alloc_output_context2");
        out = ctx;
        try {
            boolean globalHeader = (out.oformat().flags() & AVFMT_GLOBALHEADER) != 0;
            if (recipe.video() != null) {
                video = new VideoEncoder(recipe.video(), globalHeader, recipe.startOffset());
                encoders.add(video);
            }
            if (recipe.cover()) addCover();
            for (Recipe.AudioRecipe a : recipe.audios()) encoders.add(new AudioEncoder(a, globalHeader, recipe));
            for (SubtitleSpec s : recipe.subtitles()) addSubtitle(s);
            for (AttachmentSpec a : recipe.attachments()) addAttachment(a);
            addChapters(recipe.chapters());
            if (recipe.twoPrograms()) addPrograms();
            AVIOContext pb = new AVIOContext(null);
            Av.check(avio_open(pb, file.toString(), AVIO_FLAG_WRITE), "avio_open " + file);
            out.pb(pb);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void writeAll() {
        // no shift of timestamps: the fixture's truth is the timestamps it was told to write
        AVDictionary opts = new AVDictionary(null);
        av_dict_set(opts, "avoid_negative_ts", "disabled", 0);
        out.max_delay(0);
        Av.check(avformat_write_header(out, opts), "avformat_write_header");
        av_dict_free(opts);
        if (cover != null) writeCover();
        for (int i = 0; i < recipe.subtitles().size(); i++) writeSubtitle(i);
        // Feed every encoder in presentation order so the muxer's interleaving queue stays short.
        while (true) {
            Encoder next = null;
            for (Encoder e : encoders) {
                if (!e.finished() && (next == null || e.nextTime() < next.nextTime())) next = e;
            }
            if (next == null) break;
            next.sendNext();
            drain(next);
        }
        for (Encoder e : encoders) {
            Av.check(avcodec_send_frame(e.ctx, null), "avcodec_send_frame(flush)");
            drain(e);
        }
        Av.check(av_write_trailer(out), "av_write_trailer");
    }

    private void drain(Encoder e) {
        while (true) {
            int rc = avcodec_receive_packet(e.ctx, packet);
            if (rc == Av.EAGAIN || rc == AVERROR_EOF) return;
            Av.check(rc, "avcodec_receive_packet");
            av_packet_rescale_ts(packet, e.ctx.time_base(), e.stream.time_base());
            packet.stream_index(e.stream.index());
            Av.check(av_interleaved_write_frame(out, packet), "av_interleaved_write_frame");
        }
    }

    private static void setMetadata(AVStream st, String key, String value) {
        if (value == null) return;
        AVDictionary md = st.metadata();
        if (md == null) md = new AVDictionary(null);
        av_dict_set(md, key, value, 0);
        st.metadata(md);
    }

    private void addCover() {
        cover = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
        cover.codecpar().codec_type(AVMEDIA_TYPE_VIDEO).codec_id(AV_CODEC_ID_PNG).width(64).height(64);
        cover.disposition(AV_DISPOSITION_ATTACHED_PIC);
        cover.time_base(av_make_q(1, 90000));
    }

    private void writeCover() {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | 0x80);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeRaw(cover, png.toByteArray(), 0, 0, AV_PKT_FLAG_KEY);
    }

    private void addSubtitle(SubtitleSpec s) {
        AVStream st = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
        boolean ass = s.codec().equals("ass");
        int codec = switch (s.codec()) {
            case "ass" -> AV_CODEC_ID_ASS;
            case "subrip" -> AV_CODEC_ID_SUBRIP;
            // in Matroska a WebVTT cue packet is the cue text, like SubRip's
            case "webvtt" -> AV_CODEC_ID_WEBVTT;
            default -> throw new IllegalArgumentException("subtitle codec " + s.codec());
        };
        st.codecpar().codec_type(AVMEDIA_TYPE_SUBTITLE).codec_id(codec);
        st.time_base(MILLIS);
        if (ass) setExtradata(st, TestMedia.ASS_HEADER.getBytes(StandardCharsets.UTF_8));
        setMetadata(st, "language", s.language());
        setMetadata(st, "title", s.title());
        st.disposition((s.isDefault() ? AV_DISPOSITION_DEFAULT : 0) | (s.isForced() ? AV_DISPOSITION_FORCED : 0));
        subtitleStreams.add(st);
    }

    private void writeSubtitle(int i) {
        SubtitleSpec s = recipe.subtitles().get(i);
        AVStream st = subtitleStreams.get(i);
        int order = 0;
        for (Cue cue : s.cues()) {
            // Matroska keeps ASS events as "ReadOrder,Layer,Style,Name,MarginL,MarginR,MarginV,Effect,Text".
            String text = s.codec().equals("ass") ? order++ + ",0,Default,,0,0,0,," + cue.text() : cue.text();
            long start = Math.round((cue.start() + recipe.startOffset()) * 1000);
            long duration = Math.round((cue.end() - cue.start()) * 1000);
            writeRaw(st, text.getBytes(StandardCharsets.UTF_8), start, duration, AV_PKT_FLAG_KEY);
        }
    }

    private void writeRaw(AVStream st, byte[] data, long ptsMillis, long durationMillis, int flags) {
        AVPacket p = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            Av.check(av_new_packet(p, data.length), "av_new_packet");
            p.data().put(data);
            p.pts(ptsMillis).dts(ptsMillis).duration(durationMillis).flags(flags).stream_index(st.index());
            av_packet_rescale_ts(p, MILLIS, st.time_base());
            Av.check(av_interleaved_write_frame(out, p), "av_interleaved_write_frame");
        } finally {
            av_packet_free(p);
        }
    }

    private void addAttachment(AttachmentSpec a) {
        AVStream st = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
        st.codecpar().codec_type(AVMEDIA_TYPE_ATTACHMENT).codec_id(AV_CODEC_ID_TTF);
        setExtradata(st, a.data());
        setMetadata(st, "filename", a.filename());
        setMetadata(st, "mimetype", a.mimetype());
    }

    /** A display matrix on the stream, as phones write it (MP4 {@code tkhd} matrix). */
    private static void setRotation(AVStream st, double degrees) {
        var params = st.codecpar();
        PointerPointer<?> array = new PointerPointer<>(1).put(0, params.coded_side_data());
        org.bytedeco.javacpp.IntPointer count = new org.bytedeco.javacpp.IntPointer(1).put(params.nb_coded_side_data());
        var side = Av.checkAlloc(av_packet_side_data_new(array, count, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4, 0),
                "av_packet_side_data_new");
        params.coded_side_data(new org.bytedeco.ffmpeg.avcodec.AVPacketSideData(array.get(0)));
        params.nb_coded_side_data(count.get());
        av_display_rotation_set(new org.bytedeco.javacpp.IntPointer(side.data()), degrees);
    }

    private static void setExtradata(AVStream st, byte[] data) {
        BytePointer ed = new BytePointer(Av.checkAlloc(av_mallocz(data.length + AV_INPUT_BUFFER_PADDING_SIZE), "av_mallocz"));
        ed.capacity(data.length).put(data);
        st.codecpar().extradata(ed).extradata_size(data.length);
    }

    /** Two broadcast services: the video with the first audio, and the other audio tracks. */
    private void addPrograms() {
        Av.checkAlloc(av_new_program(out, 1), "av_new_program");
        Av.checkAlloc(av_new_program(out, 2), "av_new_program");
        int audio = 0;
        for (Encoder e : encoders) {
            boolean first = e instanceof VideoEncoder || audio++ == 0;
            av_program_add_stream_index(out, first ? 1 : 2, e.stream.index());
        }
    }

    private void addChapters(List<ChapterSpec> chapters) {
        if (chapters.isEmpty()) return;
        // Freed by avformat_free_context, which av_freep()s each chapter and the array.
        PointerPointer<AVChapter> array = new PointerPointer<>(Av.checkAlloc(av_mallocz(8L * chapters.size()), "av_mallocz"));
        out.chapters(array).nb_chapters(chapters.size());
        for (int i = 0; i < chapters.size(); i++) {
            ChapterSpec c = chapters.get(i);
            AVChapter ch = new AVChapter(Av.checkAlloc(av_mallocz(org.bytedeco.javacpp.Loader.sizeof(AVChapter.class)), "av_mallocz"));
            ch.id(i + 1).time_base(MILLIS)
                    .start(Math.round((c.start() + recipe.startOffset()) * 1000))
                    .end(Math.round((c.end() + recipe.startOffset()) * 1000));
            AVDictionary md = new AVDictionary(null);
            av_dict_set(md, "title", c.title(), 0);
            ch.metadata(md);
            out.chapters(i, ch);
        }
    }

    @Override
    public void close() {
        for (Encoder e : encoders) e.free();
        if (video != null) video.freeFrame();
        av_packet_free(packet);
        if (out.pb() != null && !out.pb().isNull()) {
            AVIOContext pb = out.pb();
            avio_closep(pb);
            out.pb(null);
        }
        avformat_free_context(out);
    }

    private abstract class Encoder {
        AVCodecContext ctx;
        AVStream stream;

        abstract boolean finished();

        /** Presentation time (s) of the next frame to send. */
        abstract double nextTime();

        abstract void sendNext();

        void open(AVCodec codec, AVDictionary opts) {
            Av.check(avcodec_open2(ctx, codec, opts), "avcodec_open2 " + codec.name().getString());
            stream = Av.checkAlloc(avformat_new_stream(out, null), "avformat_new_stream");
            Av.check(avcodec_parameters_from_context(stream.codecpar(), ctx), "avcodec_parameters_from_context");
            stream.time_base(ctx.time_base());
        }

        void free() {
            if (ctx != null) avcodec_free_context(ctx);
            ctx = null;
        }
    }

    private final class VideoEncoder extends Encoder {
        final Recipe.VideoRecipe r;
        final double[] frameTimes;
        final boolean[] keyframe;
        final byte[] texture;
        final AVFrame frame;
        final int pixelFormat;
        /** The painted 4:2:0 picture converted to the encoder's pixel format; null when it takes 4:2:0. */
        AVFrame converted;
        org.bytedeco.ffmpeg.swscale.SwsContext scaler;
        byte[] neutral = new byte[0];
        int sent;

        VideoEncoder(Recipe.VideoRecipe r, boolean globalHeader, double offset) {
            this.r = r;
            this.frameTimes = TestMedia.frameTimes(r, recipe.duration(), offset);
            this.keyframe = TestMedia.keyframeFlags(r, frameTimes.length);
            Recipe.Picture picture = r.picture();
            boolean x264 = picture.encoder().equals("libx264");
            AVCodec codec = Av.checkAlloc(avcodec_find_encoder_by_name(picture.encoder()), picture.encoder());
            ctx = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
            pixelFormat = av_get_pix_fmt(picture.pixelFormat());
            if (pixelFormat < 0) throw new IllegalArgumentException("pixel format " + picture.pixelFormat());
            int meanMs = 0;
            for (int d : r.frameDurationsMs()) meanMs += d;
            // MPEG-1/2, DV and others accept only their standard frame rates as time base
            ctx.width(r.width()).height(r.height()).pix_fmt(pixelFormat)
                    .time_base(x264 ? MILLIS : av_make_q(meanMs / r.frameDurationsMs().length, 1000));
            ctx.framerate(av_d2q(1000.0 * r.frameDurationsMs().length / meanMs, 100000));
            ctx.sample_aspect_ratio(av_make_q(picture.sar()[0], picture.sar()[1]));
            if (r.width() >= 1280) ctx.bit_rate(6_000_000);
            if (globalHeader) ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            if (!x264) {
                ctx.gop_size(r.gopFrames() > 0 ? r.gopFrames() : 12).max_b_frames(0);
                ctx.strict_std_compliance(FF_COMPLIANCE_EXPERIMENTAL);
                if (ctx.bit_rate() == 0) ctx.bit_rate(800_000);
            }
            if (picture.interlaced()) {
                ctx.field_order(AV_FIELD_TT);
                ctx.flags(ctx.flags() | AV_CODEC_FLAG_INTERLACED_DCT | AV_CODEC_FLAG_INTERLACED_ME);
            }
            AVDictionary opts = new AVDictionary(null);
            if (x264) {
                av_dict_set(opts, "preset", r.preset(), 0);
                // keyframes only where the recipe says: forced-idr turns our I requests into IDRs
                av_dict_set(opts, "forced-idr", "1", 0);
                av_dict_set(opts, "x264-params", "scenecut=0:keyint=infinite:min-keyint=1000:bframes=" + (r.bFrames() ? 2 : 0)
                        + ":b-adapt=0:threads=2:lookahead-threads=1", 0);
            }
            for (var o : picture.options().entrySet()) av_dict_set(opts, o.getKey(), o.getValue(), 0);
            try {
                open(codec, opts);
            } finally {
                av_dict_free(opts);
            }
            stream.sample_aspect_ratio(ctx.sample_aspect_ratio());
            if (picture.rotation() != 0) setRotation(stream, picture.rotation());
            setMetadata(stream, "language", r.language());
            if (pixelFormat != AV_PIX_FMT_YUV420P) {
                converted = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
                converted.format(pixelFormat).width(r.width()).height(r.height());
                Av.check(av_frame_get_buffer(converted, 0), "av_frame_get_buffer");
                scaler = Av.checkAlloc(sws_getContext(r.width(), r.height(), AV_PIX_FMT_YUV420P, r.width(), r.height(),
                        pixelFormat, SWS_BILINEAR, null, null, (double[]) null), "sws_getContext");
            }
            frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
            frame.format(AV_PIX_FMT_YUV420P).width(r.width()).height(r.height());
            Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
            texture = new byte[r.width() * r.height() * 2];
            Random rnd = new Random(42);
            for (int i = 0; i < texture.length; i++) {
                int x = i % r.width();
                texture[i] = (byte) (60 + (x * 100 / r.width()) + rnd.nextInt(40));
            }
        }

        @Override
        boolean finished() {
            return sent >= frameTimes.length;
        }

        @Override
        double nextTime() {
            return frameTimes[sent];
        }

        @Override
        void sendNext() {
            Av.check(av_frame_make_writable(frame), "av_frame_make_writable");
            paint(sent);
            long pts = av_rescale_q(Math.round(frameTimes[sent] * 1000), MILLIS, ctx.time_base());
            AVFrame sending = frame;
            if (converted != null) {
                Av.check(av_frame_make_writable(converted), "av_frame_make_writable");
                Av.check(sws_scale_frame(scaler, converted, frame), "sws_scale_frame");
                sending = converted;
            }
            sending.pts(pts);
            sending.pict_type(keyframe[sent] ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
            if (r.picture().interlaced()) sending.flags(sending.flags() | FRAME_INTERLACED | FRAME_TOP_FIELD_FIRST);
            Av.check(avcodec_send_frame(ctx, sending), "avcodec_send_frame");
            sent++;
        }

        private void paint(int index) {
            int w = r.width(), h = r.height();
            int ls = frame.linesize(0);
            ByteBuffer y = frame.data(0).capacity((long) ls * h).asByteBuffer();
            int shift = (index * 3) % h;
            for (int row = 0; row < h; row++) {
                y.position(row * ls);
                y.put(texture, (row + shift) * w, w);
            }
            Stamp.paint(y, w, h, ls, Math.round(frameTimes[index] * 1000));
            for (int plane = 1; plane <= 2; plane++) {
                int cls = frame.linesize(plane);
                int size = cls * ((h + 1) / 2);
                if (neutral.length < size) neutral = filled(size, (byte) 128);
                frame.data(plane).capacity(size).asByteBuffer().put(neutral, 0, size);
            }
        }

        private static byte[] filled(int size, byte value) {
            byte[] b = new byte[size];
            java.util.Arrays.fill(b, value);
            return b;
        }

        void freeFrame() {
            av_frame_free(frame);
            if (converted != null) av_frame_free(converted);
            if (scaler != null) sws_freeContext(scaler);
        }
    }

    private final class AudioEncoder extends Encoder {
        final Recipe.AudioRecipe r;
        final long totalSamples;
        final long offsetSamples;
        final AVFrame frame;
        final int sampleFormat;
        final int frameSize;
        long sent;

        /** Float planar where the encoder takes it (what most do), else the first it lists. */
        private static int sampleFormatOf(AVCodec codec) {
            org.bytedeco.javacpp.IntPointer formats = codec.sample_fmts();
            if (formats == null || formats.isNull()) return AV_SAMPLE_FMT_FLTP;
            int first = formats.get(0);
            for (int i = 0; formats.get(i) != AV_SAMPLE_FMT_NONE; i++) {
                int f = formats.get(i);
                if (f == AV_SAMPLE_FMT_FLTP) return f;
            }
            int[] known = {AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_S16P, AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S32P, AV_SAMPLE_FMT_S32};
            for (int i = 0; formats.get(i) != AV_SAMPLE_FMT_NONE; i++) {
                for (int k : known) if (formats.get(i) == k) return k;
            }
            throw new IllegalArgumentException("no sample format this writer paints for " + codec.name().getString() + " (" + first + ")");
        }

        AudioEncoder(Recipe.AudioRecipe r, boolean globalHeader, Recipe recipe) {
            this.r = r;
            AVCodec codec = Av.checkAlloc(avcodec_find_encoder_by_name(r.encoder()), r.encoder());
            ctx = Av.checkAlloc(avcodec_alloc_context3(codec), "avcodec_alloc_context3");
            sampleFormat = sampleFormatOf(codec);
            ctx.sample_fmt(sampleFormat).sample_rate(r.sampleRate()).time_base(av_make_q(1, r.sampleRate()));
            av_channel_layout_default(ctx.ch_layout(), r.channels());
            // DTS's encoder takes only the rates of its table (a CD's rate is one)
            ctx.bit_rate(r.encoder().equals("dca") ? 1_411_200 : r.channels() > 2 ? 384_000 : 128_000);
            // the native DTS, TrueHD, Vorbis and Opus encoders are marked experimental
            ctx.strict_std_compliance(FF_COMPLIANCE_EXPERIMENTAL);
            if (globalHeader) ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
            open(codec, null);
            // PCM and other encoders without a fixed frame size take any count
            frameSize = ctx.frame_size() > 0 ? ctx.frame_size() : 1152;
            setMetadata(stream, "language", r.language());
            setMetadata(stream, "title", r.title());
            stream.disposition((r.isDefault() ? AV_DISPOSITION_DEFAULT : 0) | (r.isForced() ? AV_DISPOSITION_FORCED : 0));
            totalSamples = Math.round((r.duration() > 0 ? r.duration() : recipe.duration()) * r.sampleRate());
            offsetSamples = Math.round(recipe.startOffset() * r.sampleRate());
            frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
            frame.format(sampleFormat).sample_rate(r.sampleRate()).nb_samples(frameSize);
            Av.check(av_channel_layout_copy(frame.ch_layout(), ctx.ch_layout()), "av_channel_layout_copy");
            Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
        }

        @Override
        boolean finished() {
            return sent >= totalSamples;
        }

        @Override
        double nextTime() {
            return (double) (sent + offsetSamples) / r.sampleRate();
        }

        @Override
        void sendNext() {
            Av.check(av_frame_make_writable(frame), "av_frame_make_writable");
            int n = (int) Math.min(frameSize, totalSamples - sent);
            // fixed-size encoders (AC-3, DTS, TrueHD…) want whole frames: the last one is padded with silence
            if ((ctx.codec().capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) == 0 && ctx.frame_size() > 0) n = frameSize;
            frame.nb_samples(n);
            boolean planar = av_sample_fmt_is_planar(sampleFormat) != 0;
            int channels = r.channels();
            for (int ch = 0; ch < channels; ch++) {
                double hz = r.toneHz() * (1 + ch * 0.25);
                for (int i = 0; i < n; i++) {
                    double v = sent + i < totalSamples ? 0.3 * Math.sin(2 * Math.PI * hz * (sent + i) / r.sampleRate()) : 0;
                    long index = planar ? i : (long) i * channels + ch;
                    BytePointer data = frame.data(planar ? ch : 0);
                    if (sampleFormat == AV_SAMPLE_FMT_FLTP || sampleFormat == AV_SAMPLE_FMT_FLT) {
                        new FloatPointer(data).put(index, (float) v);
                    } else if (sampleFormat == AV_SAMPLE_FMT_S16P || sampleFormat == AV_SAMPLE_FMT_S16) {
                        new org.bytedeco.javacpp.ShortPointer(data).put(index, (short) (v * Short.MAX_VALUE));
                    } else {
                        new org.bytedeco.javacpp.IntPointer(data).put(index, (int) (v * Integer.MAX_VALUE));
                    }
                }
            }
            frame.pts(sent + offsetSamples);
            Av.check(avcodec_send_frame(ctx, frame), "avcodec_send_frame");
            sent += n;
        }

        @Override
        void free() {
            super.free();
            av_frame_free(frame);
        }
    }
}
