package org.kyoo.transcoder.engine.thumbnails;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpriteLayoutTest {
    @Test
    void aCaptureEveryTenSecondsInSquareishRows() {
        SpriteLayout layout = SpriteLayout.of(130.4, 1920, 1080);
        assertEquals(new SpriteLayout(13, 10, 3, 5, 256, 144), layout);
        assertEquals(120, layout.time(12));
        assertEquals(0, layout.x(12));
        assertEquals(4 * 144, layout.y(12));
        assertEquals(2 * 256, layout.x(11));
    }

    @Test
    void longFilesSpreadOneHundredFiftyCapturesEvenly() {
        SpriteLayout twoHours = SpriteLayout.of(7200.0, 1920, 1080);
        assertEquals(150, twoHours.count());
        assertEquals(48, twoHours.interval());
        assertEquals(12, twoHours.columns());
        assertEquals(13, twoHours.rows());
        assertEquals(12 * 256, twoHours.spriteWidth());
        assertEquals(13 * 144, twoHours.spriteHeight());
    }

    @Test
    void filesUnderTenSecondsStillGetOneCaptureCoveringThem() {
        assertEquals(new SpriteLayout(1, 7, 1, 1, 256, 144), SpriteLayout.of(7.9, 320, 180));
        assertEquals(new SpriteLayout(1, 1, 1, 1, 256, 144), SpriteLayout.of(0.4, 320, 180));
    }

    @Test
    void tilesKeepTheDisplayAspectRatio() {
        // PAL DVD 16:9: 720x576 stored, 1024x576 shown.
        assertEquals(256, SpriteLayout.of(60, 720 * 64.0 / 45, 576).tileWidth());
        assertEquals(192, SpriteLayout.of(60, 640, 480).tileWidth());
    }

    @Test
    void theVttHasOneCuePerCaptureIntoTheSprite() {
        String vtt = SpriteLayout.of(3725, 1920, 1080).vtt("/video/L3YvYS5ta3Y=/thumbnails.png");
        String[] blocks = vtt.split("\n\n");
        assertEquals("WEBVTT", blocks[0]);
        assertEquals(151, blocks.length);
        assertEquals("00:00:00.000 --> 00:00:24.000\n/video/L3YvYS5ta3Y=/thumbnails.png#xywh=0,0,256,144", blocks[1]);
        assertEquals("00:59:36.000 --> 01:00:00.000\n/video/L3YvYS5ta3Y=/thumbnails.png#xywh=1280,1728,256,144", blocks[150]);
        assertEquals('\n', vtt.charAt(vtt.length() - 1));
    }
}
