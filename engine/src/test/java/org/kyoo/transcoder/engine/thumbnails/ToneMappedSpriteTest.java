package org.kyoo.transcoder.engine.thumbnails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FirstPicture;
import org.kyoo.transcoder.engine.testmedia.HdrMedia;
import org.kyoo.transcoder.engine.testmedia.HdrPicture;

/** An HDR file's seek-bar tiles show the colours its transcodes show: the SDR picture it was made from. */
class ToneMappedSpriteTest {
    /**
     * Per channel, 0-255: measured at most 22 (PQ) and 20 (HLG), in the saturated bars' empty
     * channels (blue in the yellow bar: the fixtures' 4:2:0 chroma through two lossy encodes); an
     * HDR picture taken for SDR is off by 101 (PQ) and 106 (HLG).
     */
    static final int TOLERANCE = 30;

    @TempDir Path metadata;

    private BufferedImage sprite(Fixture f) throws Exception {
        ThumbnailSprite.Sprite sprite = new ThumbnailSprite(new LocalStore(metadata)).sprite(f.path(), "sha").get(60, TimeUnit.SECONDS);
        return ImageIO.read(((Stored.LocalFile) sprite.png()).path().toFile());
    }

    private void assertBarsAsInSdr(Fixture f) throws Exception {
        BufferedImage sprite = sprite(f);
        // 4 s: one capture, 256x144
        assertEquals(256, sprite.getWidth());
        assertEquals(144, sprite.getHeight());
        int worst = 0;
        for (int bar = 0; bar < HdrPicture.BARS.length; bar++) {
            int rgb = sprite.getRGB(bar * 32 + 16, 48);
            int[] seen = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
            for (int c = 0; c < 3; c++) {
                int off = Math.abs(seen[c] - HdrPicture.BARS[bar][c]);
                worst = Math.max(worst, off);
                assertTrue(off <= TOLERANCE, f.path().getFileName() + " bar " + bar + " channel " + c + ": " + seen[c]
                        + " where the SDR picture has " + HdrPicture.BARS[bar][c]);
            }
        }
        int[] takenForSdr = FirstPicture.takenForSdr(f.path(), 256, 144);
        int washedOut = 0;
        for (int bar = 0; bar < HdrPicture.BARS.length; bar++) {
            int[] seen = HdrPicture.at(takenForSdr, 256, bar * 32 + 16, 48);
            for (int c = 0; c < 3; c++) washedOut = Math.max(washedOut, Math.abs(seen[c] - HdrPicture.BARS[bar][c]));
        }
        System.out.println(f.path().getFileName() + ": sprite bars at most " + worst + " off, " + washedOut + " taken for SDR");
        assertTrue(washedOut >= 2 * TOLERANCE, "the same picture taken for SDR is off by " + washedOut);
    }

    @Test
    void hdr10TilesShowTheSdrColours() throws Exception {
        assertBarsAsInSdr(HdrMedia.hdr10());
    }

    @Test
    void anOddSizedTileIsToneMappedToo() throws Exception {
        // a scope film's tile (1920x800 → 345x144) is odd-sized: zimg refuses 4:2:0 there
        try (FrameGrabber grabber = FrameGrabber.open(HdrMedia.hdr10().path());
             SdrPictures sdr = new SdrPictures(grabber, org.kyoo.transcoder.engine.hdr.ToneMapping.DEFAULT, 345, 144)) {
            org.bytedeco.ffmpeg.avutil.AVFrame tile = sdr.of(grabber.grab(0));
            assertTrue(tile != null, "a tile came out");
            assertEquals(345, tile.width());
            assertEquals(144, tile.height());
        }
    }

    @Test
    void hlgTilesShowTheSdrColours() throws Exception {
        assertBarsAsInSdr(HdrMedia.hlg());
    }
}
