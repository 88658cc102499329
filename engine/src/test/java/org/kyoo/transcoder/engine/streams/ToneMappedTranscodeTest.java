package org.kyoo.transcoder.engine.streams;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_PRI_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_TRC_BT709;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FirstPicture;
import org.kyoo.transcoder.engine.testmedia.HdrMedia;
import org.kyoo.transcoder.engine.testmedia.HdrPicture;

/**
 * A transcode of an HDR source shows the picture the source was made from: tone-mapped to SDR
 * BT.709 and tagged so. The fixtures are {@link HdrPicture}'s SDR picture turned HDR (SDR white at
 * 203 cd/m², as BT.2408 places it), so the viewer should see that SDR picture again; squeezed
 * into 8 bits as if it were SDR (what every transcode did before) it is grey and washed out.
 */
class ToneMappedTranscodeTest {
    /**
     * The tone-mapped transcode's PSNR against the SDR picture (RGB, as a player shows it), at least:
     * measured 28.0 dB for PQ, whose MaxCLL says nothing is brighter than reference white (nothing
     * is compressed), 23.6 dB for HLG, which says nothing (the curve keeps headroom up to HLG's
     * nominal 1 000 cd/m², so bright parts come out a little darker).
     */
    static final double PQ_PSNR = 26, HLG_PSNR = 21;
    /** An HDR picture taken for SDR, at most: measured 11.6 dB (PQ) and 14.7 dB (HLG). */
    static final double TAKEN_FOR_SDR_PSNR = 16;

    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    private Path transcodedSegment(Fixture f) throws Exception {
        FileStream stream = Fixtures.stream(f, cache.resolve(f.path().getFileName().toString()), VideoPipeline.FrameObserver.NONE);
        return Fixtures.path(stream.segment(Rendition.tsVideo(Quality.P360), 0).get(120, TimeUnit.SECONDS));
    }

    private static double psnrOfFirstPicture(Path file) {
        return FirstPicture.decode(file, frame -> HdrPicture.psnr(HdrPicture.rgb(HdrMedia.WIDTH, HdrMedia.HEIGHT), HdrPicture.rgbOf(frame)));
    }

    private void assertToneMapped(Fixture f, double threshold) throws Exception {
        Path segment = transcodedSegment(f);
        double mapped = psnrOfFirstPicture(segment);
        double before = HdrPicture.psnr(HdrPicture.rgb(HdrMedia.WIDTH, HdrMedia.HEIGHT),
                FirstPicture.takenForSdr(f.path(), HdrMedia.WIDTH, HdrMedia.HEIGHT));
        System.out.printf("%s: tone-mapped %.2f dB, taken for SDR %.2f dB%n", f.path().getFileName(), mapped, before);
        assertTrue(mapped >= threshold, f.path().getFileName() + " tone-mapped: " + mapped + " dB");
        assertTrue(before <= TAKEN_FOR_SDR_PSNR, f.path().getFileName() + " taken for SDR: " + before + " dB");
        assertEquals(new FirstPicture.Tags(AVCOL_PRI_BT709, AVCOL_TRC_BT709, AVCOL_SPC_BT709, AVCOL_RANGE_MPEG),
                FirstPicture.tags(segment), "the H.264 stream says it is BT.709, limited range");
    }

    @Test
    void hdr10ComesOutAsTheSdrPictureItWasMadeFrom() throws Exception {
        assertToneMapped(HdrMedia.hdr10(), PQ_PSNR);
    }

    @Test
    void hlgComesOutAsTheSdrPictureItWasMadeFrom() throws Exception {
        assertToneMapped(HdrMedia.hlg(), HLG_PSNR);
    }

    @Test
    void dolbyVisionProfile8ComesOutThroughItsHdr10Base() throws Exception {
        assertToneMapped(HdrMedia.dolbyVision8(), PQ_PSNR);
    }
}
