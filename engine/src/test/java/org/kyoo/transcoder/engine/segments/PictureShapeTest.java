package org.kyoo.transcoder.engine.segments;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.testmedia.Formats;

/** What a transcode does to the first picture of sources players would show wrong as they are stored. */
class PictureShapeTest {
    @Test
    void interlacedBroadcastIsDeinterlacedBeforeScaling() {
        PictureShape shape = shapeOf("broadcast-interlaced-two-programs.ts");
        assertTrue(shape.interlaced());
        assertTrue(shape.beforeScale().startsWith("bwdif="), shape.beforeScale());
    }

    @Test
    void phoneClipIsTurnedUpright() {
        PictureShape shape = shapeOf("phone-rotated-90.mp4");
        // stored 320x180, shown 180x320
        assertEquals(180, shape.displayWidth(), 0.01);
        assertEquals(320, shape.displayHeight(), 0.01);
        assertTrue(shape.beforeScale().contains("transpose="), shape.beforeScale());
        assertEquals(136, shape.widthFor(Quality.P240));
    }

    @Test
    void dvdPixelsBecomeSquareAtTheSameDisplayAspect() {
        PictureShape shape = shapeOf("dvd.vob");
        assertFalse(shape.interlaced());
        // 352x240 stored; MPEG-2 codes a display aspect, and the encoder took 16:9 for the 32:27 pixels asked
        assertEquals(240 * 16 / 9.0, shape.displayWidth(), 0.01);
        assertEquals(428, shape.widthFor(Quality.P240));
        assertEquals("", shape.beforeScale());
    }

    @Test
    void progressiveSquareUprightSourcesPassAsTheyAre() {
        PictureShape shape = shapeOf("odd-size-378x382.mkv");
        assertEquals("", shape.beforeScale());
        assertEquals(378, shape.displayWidth(), 0.01);
    }

    private static PictureShape shapeOf(String format) {
        Path file = Formats.all().stream().filter(f -> f.name().equals(format)).findFirst().orElseThrow().file().get();
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try (MediaInput in = MediaInput.open(file)) {
            int video = in.firstVideoStream();
            try (Decoder decoder = new Decoder(in.stream(video), ctx -> {})) {
                while (in.read(packet)) {
                    try {
                        if (packet.stream_index() == video) decoder.send(packet);
                    } finally {
                        av_packet_unref(packet);
                    }
                    if (decoder.receive(frame)) return PictureShape.of(in.stream(video), frame);
                }
            }
            throw new AssertionError("no frame decoded from " + file);
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
        }
    }
}
