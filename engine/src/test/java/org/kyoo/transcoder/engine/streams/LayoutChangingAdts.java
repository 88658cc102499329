package org.kyoo.transcoder.engine.streams;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;
import org.kyoo.transcoder.engine.codecs.Encoder;

/**
 * A raw AAC (ADTS) file whose channel layout changes mid-stream, as a DVB recording does around
 * ad breaks: each part is encoded on its own and every ADTS header states its part's channels, so
 * the decoder reports the change. The shared fixtures' muxers give one layout per stream.
 */
final class LayoutChangingAdts {
    private static final int RATE = 48000;
    /** ADTS sampling_frequency_index of 48 kHz. */
    private static final int RATE_INDEX = 3;

    private LayoutChangingAdts() {}

    /** Writes parts of {@code secondsEach} with the given channel counts, one after the other. */
    static Fixture write(Path file, int secondsEach, int... channels) {
        Av.load();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int count : channels) encode(count, secondsEach, bytes);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double duration = secondsEach * channels.length;
        FixtureSpec spec = new FixtureSpec("adts", duration, 0, null,
                List.of(new FixtureSpec.AudioSpec("aac", channels[0], RATE, null, null, true, false)),
                List.of(), List.of(), List.of(), false);
        return new Fixture(file, spec);
    }

    private static void encode(int channels, int seconds, ByteArrayOutputStream bytes) {
        AVFrame frame = Av.checkAlloc(av_frame_alloc(), "av_frame_alloc");
        AVPacket packet = Av.checkAlloc(av_packet_alloc(), "av_packet_alloc");
        try (Encoder encoder = new Encoder("aac", (ctx, options) -> {
            ctx.sample_fmt(AV_SAMPLE_FMT_FLTP).sample_rate(RATE).time_base(av_make_q(1, RATE)).bit_rate(64_000L * channels);
            av_channel_layout_default(ctx.ch_layout(), channels);
        })) {
            frame.format(AV_SAMPLE_FMT_FLTP).sample_rate(RATE).nb_samples(1024);
            av_channel_layout_default(frame.ch_layout(), channels);
            Av.check(av_frame_get_buffer(frame, 0), "av_frame_get_buffer");
            for (long sent = 0; sent < (long) seconds * RATE; sent += 1024) {
                Av.check(av_frame_make_writable(frame), "av_frame_make_writable");
                for (int ch = 0; ch < channels; ch++) {
                    FloatPointer data = new FloatPointer(frame.data(ch)).capacity(1024);
                    for (int i = 0; i < 1024; i++) data.put(i, (float) (0.3 * Math.sin(2 * Math.PI * 440 * (sent + i) / RATE)));
                }
                frame.pts(sent);
                encoder.send(frame);
                drain(encoder, packet, channels, bytes);
            }
            encoder.send(null);
            drain(encoder, packet, channels, bytes);
        } finally {
            av_packet_free(packet);
            av_frame_free(frame);
        }
    }

    private static void drain(Encoder encoder, AVPacket packet, int channels, ByteArrayOutputStream bytes) {
        while (encoder.receive(packet)) {
            try {
                byte[] payload = new byte[packet.size()];
                packet.data().get(payload);
                bytes.writeBytes(header(channels, payload.length));
                bytes.writeBytes(payload);
            } finally {
                av_packet_unref(packet);
            }
        }
    }

    /** The 7-byte ADTS header (MPEG-4 AAC-LC, no CRC); channel configuration 6 is 5.1. */
    private static byte[] header(int channels, int payload) {
        int length = payload + 7;
        int profile = 1; // AAC-LC, object type 2, minus one
        return new byte[] {
                (byte) 0xFF, (byte) 0xF1,
                (byte) ((profile << 6) | (RATE_INDEX << 2) | (channels >> 2)),
                (byte) (((channels & 3) << 6) | (length >> 11)),
                (byte) ((length >> 3) & 0xFF),
                (byte) (((length & 7) << 5) | 0x1F),
                (byte) 0xFC};
    }
}
