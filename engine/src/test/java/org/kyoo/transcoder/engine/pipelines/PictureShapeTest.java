package org.kyoo.transcoder.engine.pipelines;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kyoo.transcoder.engine.media.DisplaySize;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.probing.MediaProber;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.testmedia.Formats;
import org.kyoo.transcoder.engine.codecs.Decoder;

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
        assertEquals(180, shape.shown().width(), 0.01);
        assertEquals(320, shape.shown().height(), 0.01);
        assertTrue(shape.beforeScale().contains("transpose="), shape.beforeScale());
        assertEquals(136, shape.widthFor(Quality.P240));
    }

    @Test
    void dvdPixelsBecomeSquareAtTheSameDisplayAspect() {
        PictureShape shape = shapeOf("dvd.vob");
        assertFalse(shape.interlaced());
        // 352x240 stored; MPEG-2 codes a display aspect, and the encoder took 16:9 for the 32:27 pixels asked
        assertEquals(240 * 16 / 9.0, shape.shown().width(), 0.01);
        assertEquals(426, shape.widthFor(Quality.P240));
        assertEquals(426, shape.evenWidth());
        assertEquals("", shape.beforeScale());
    }

    @Test
    void progressiveSquareUprightSourcesPassAsTheyAre() {
        PictureShape shape = shapeOf("odd-size-378x382.mkv");
        assertEquals("", shape.beforeScale());
        assertEquals(378, shape.shown().width(), 0.01);
    }

    /**
     * The master playlists announce a transcode's RESOLUTION from the probe, before any frame is
     * decoded: it must be the size the pipeline encodes, non-square and odd-sized pictures included.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dvd.vob", "odd-size-378x382.mkv", "theora-378x382-15fps.ogv", "phone-rotated-90.mp4"})
    void theProbeAnnouncesTheSizeThePipelineEncodes(String format) {
        PictureShape shape = shapeOf(format);
        MediaInfo.Video probed = new MediaProber().probe(file(format), "sha").video();
        assertEquals(shape.evenWidth() + "x" + shape.evenHeight(),
                probed.shown().evenWidth() + "x" + probed.shown().evenHeight(), format + " transcode");
        for (Quality q : Quality.ALL) assertEquals(shape.widthFor(q), probed.shown().widthAt(q), format + " " + q.label());
    }

    @Test
    void oddAndAnamorphicSizesRoundToTheEvenSizeEncoded() {
        assertEquals("378x382", size(DisplaySize.square(377, 381)));
        // a DVD's 720x480 with 32:27 pixels is shown 853.3 wide
        AVRational dvd = av_make_q(32, 27);
        assertEquals("854x480", size(DisplaySize.of(720, 480, dvd, false)));
        assertEquals("480x854", size(DisplaySize.of(720, 480, dvd, true)));
        assertEquals(640, DisplaySize.of(720, 480, dvd, false).widthAt(Quality.P360));
    }

    private static String size(DisplaySize shown) {
        return shown.evenWidth() + "x" + shown.evenHeight();
    }

    private static Path file(String format) {
        return Formats.all().stream().filter(f -> f.name().equals(format)).findFirst().orElseThrow().file().get();
    }

    private static PictureShape shapeOf(String format) {
        Path file = file(format);
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
