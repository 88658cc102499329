package org.kyoo.transcoder.engine.extract;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_BITMAP_SUB;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avsubtitle_free;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_mallocz;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVSubtitle;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.Decoder;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.containers.OutputFile;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInput;

/**
 * A text subtitle file converted to another text format with libavcodec's own subtitle decoder
 * and encoder ({@code ffmpeg -i in.ass out.vtt}, in-process): every cue decoded to its ASS form,
 * then encoded by the target's encoder, which keeps what the target can carry (italics, bold) and
 * drops the rest (positions, fonts, karaoke).
 */
public final class SubtitleConverter {
    /** The formats a text subtitle converts to, as {@code ?format=} names them. */
    private static final List<String> FORMATS = List.of("vtt", "srt", "ass");

    /** libavcodec's limit on one encoded subtitle packet in the ffmpeg CLI: ample for text. */
    private static final int MAX_CUE_BYTES = 1 << 20;
    private static final AVRational MILLISECONDS = av_make_q(1, 1000);
    private static final AVRational MICROSECONDS = av_make_q(1, AV_TIME_BASE);

    private SubtitleConverter() {}

    /** Encoder and muxer of a {@code ?format=} name; BAD_REQUEST naming the valid ones otherwise. */
    private record Target(String encoder, String muxer) {
        static Target of(String format) {
            return switch (format == null ? "" : format) {
                case "vtt" -> new Target("webvtt", "webvtt");
                case "srt" -> new Target("srt", "srt");
                case "ass" -> new Target("ass", "ass");
                default -> throw new MediaException(MediaException.Kind.BAD_REQUEST,
                        "Unknown subtitle format " + format + ": valid formats are " + String.join(", ", FORMATS));
            };
        }
    }

    /** Throws BAD_REQUEST naming the valid formats when {@code format} is not one of them. */
    public static void checkFormat(String format) {
        Target.of(format);
    }

    /**
     * {@code extracted} ({@code sub/0.ass}) in {@code format}: the file itself when it is already in
     * that format, else its conversion, made once and kept beside it ({@code sub/converted/0.vtt}).
     * Blocks while converting. NOT_FOUND when {@code extracted} does not exist.
     */
    public static Path inFormat(Path extracted, String format) {
        checkFormat(format);
        if (!Files.isRegularFile(extracted)) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "No subtitle " + extracted.getFileName());
        }
        String name = extracted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (name.substring(dot + 1).equals(format)) return extracted;
        Path target = extracted.resolveSibling("converted").resolve(name.substring(0, dot) + "." + format);
        if (Files.isRegularFile(target)) return target;
        try {
            Files.createDirectories(target.getParent());
            // A name of its own: two requests converting at once each write their own, the last move wins.
            Path partial = Files.createTempFile(target.getParent(), name, ".part");
            try {
                convert(extracted, partial, format);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
        return target;
    }

    /**
     * Writes {@code source}'s first subtitle track to {@code target} in {@code format}. A picture
     * subtitle (PGS, VobSub) answers BAD_REQUEST saying why: no text to convert without OCR.
     */
    private static void convert(Path source, Path target, String format) {
        Target to = Target.of(format);
        try (MediaInput input = MediaInput.open(source)) {
            int index = subtitleStream(input);
            AVStream stream = input.stream(index);
            int codecId = stream.codecpar().codec_id();
            AVCodecDescriptor descriptor = avcodec_descriptor_get(codecId);
            if (descriptor == null || (descriptor.props() & AV_CODEC_PROP_BITMAP_SUB) != 0) {
                throw new MediaException(MediaException.Kind.BAD_REQUEST, "This subtitle (" + avcodec_get_name(codecId).getString()
                        + ") is made of pictures, not text: it cannot be converted to " + format + "; fetch it without ?format");
            }
            input.keepOnly(index);
            if (!Decoder.available(stream.codecpar())) {
                throw new MediaException(MediaException.Kind.BAD_REQUEST, "No decoder for subtitle codec "
                        + avcodec_get_name(codecId).getString());
            }
            try (Decoder decoder = new Decoder(stream, context -> {}, source);
                 Encoder encoder = new Encoder(to.encoder(), (context, options) -> startFrom(decoder.context(), context));
                 OutputFile output = OutputFile.open(target, to.muxer(), out -> describe(out, encoder.context()), Map.of())) {
                copyCues(input, index, decoder, encoder, output);
                output.finish();
            }
        }
    }

    /** The target's encoder starts from the decoder's ASS header (styles), as the CLI's does. */
    private static void startFrom(AVCodecContext decoder, AVCodecContext encoder) {
        encoder.time_base(MICROSECONDS);
        int headerSize = decoder.subtitle_header_size();
        if (headerSize > 0 && decoder.subtitle_header() != null) {
            // Freed with the encoder context (avcodec_free_context frees subtitle_header).
            BytePointer header = Av.checkAlloc(new BytePointer(av_mallocz(headerSize + 1)), "av_mallocz");
            Pointer.memcpy(header, decoder.subtitle_header(), headerSize);
            encoder.subtitle_header(header).subtitle_header_size(headerSize);
        }
    }

    /** The target's one stream: its parameters (the ASS header included) come from the encoder. */
    private static void describe(AVStream stream, AVCodecContext encoder) {
        Av.check(avcodec_parameters_from_context(stream.codecpar(), encoder), "avcodec_parameters_from_context");
        stream.time_base(encoder.time_base());
    }

    private static int subtitleStream(MediaInput input) {
        for (int i = 0; i < input.streamCount(); i++) {
            if (input.stream(i).codecpar().codec_type() == AVMEDIA_TYPE_SUBTITLE) return i;
        }
        throw new MediaException(MediaException.Kind.NOT_MEDIA, "No subtitle track in " + input.path());
    }

    private static void copyCues(MediaInput input, int index, Decoder decoder, Encoder encoder, OutputFile output) {
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        BytePointer buffer = null;
        try (AVSubtitle cue = new AVSubtitle()) {
            buffer = Av.checkAlloc(new BytePointer(av_malloc(MAX_CUE_BYTES)), "av_malloc");
            while (input.read(packet)) {
                try {
                    // a cue libav cannot read is skipped; running out of memory throws, and must not
                    // cache an emptied file
                    if (packet.stream_index() != index || !decoder.decodeSubtitle(packet, cue)) continue;
                    try {
                        if (cue.num_rects() > 0) writeCue(cue, packet, decoder, encoder, output, buffer);
                    } finally {
                        avsubtitle_free(cue);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } finally {
            av_packet_free(packet);
            if (buffer != null) av_free(buffer);
        }
    }

    /** As the CLI's subtitle output: the display window folded into the packet's pts and duration. */
    private static void writeCue(AVSubtitle cue, AVPacket source, Decoder decoder, Encoder encoder, OutputFile output,
                                 BytePointer buffer) {
        // a cue with no time at all cannot be placed: dropped, as its rescaling would wrap
        if (cue.pts() == AV_NOPTS_VALUE && source.pts() == AV_NOPTS_VALUE) return;
        long start = cue.pts() != AV_NOPTS_VALUE ? cue.pts()
                : av_rescale_q(source.pts(), decoder.context().pkt_timebase(), MICROSECONDS);
        start += av_rescale_q(cue.start_display_time(), MILLISECONDS, MICROSECONDS);
        long durationMs = (cue.end_display_time() & 0xffffffffL) - (cue.start_display_time() & 0xffffffffL);
        cue.end_display_time((int) durationMs);
        cue.start_display_time(0);
        int size = encoder.encodeSubtitle(cue, buffer, MAX_CUE_BYTES);
        if (size == 0) return;
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try {
            Av.check(av_new_packet(packet, size), "av_new_packet");
            Pointer.memcpy(packet.data(), buffer, size);
            AVRational timeBase = output.stream().time_base();
            packet.pts(av_rescale_q(start, MICROSECONDS, timeBase));
            packet.dts(packet.pts());
            packet.duration(av_rescale_q(durationMs, MILLISECONDS, timeBase));
            output.write(packet);
        } finally {
            av_packet_free(packet);
        }
    }
}
