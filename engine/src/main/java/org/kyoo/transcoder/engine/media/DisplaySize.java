package org.kyoo.transcoder.engine.media;

import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * A picture's size as a player shows it, in square pixels: non-square pixels (a DVD's 32:27)
 * stretched to their display aspect, then turned by the display matrix. The one rule that sizes a
 * transcode, shared by the pipeline that encodes it and the master playlists that announce it.
 *
 * @param width     shown width, not rounded
 * @param height    shown height, not rounded
 * @param clockwise degrees the display matrix turns the stored picture (0, 90, 180, 270): a copy
 *                  in a container without a display matrix (MPEG-TS) is shown unturned
 */
public record DisplaySize(double width, double height, int clockwise) {
    /** A size shown as stored, unturned. */
    public DisplaySize(double width, double height) {
        this(width, height, 0);
    }

    /**
     * @param storedWidth  coded width, before turning
     * @param storedHeight coded height, before turning
     * @param sar          sample aspect ratio; 0/x or null when unknown (square)
     * @param turned       the display matrix turns the picture by 90° or 270°
     */
    public static DisplaySize of(int storedWidth, int storedHeight, AVRational sar, boolean turned) {
        return of(storedWidth, storedHeight, sar, turned ? 90 : 0);
    }

    /** As {@link #of(int, int, AVRational, boolean)}, the turn in clockwise degrees. */
    public static DisplaySize of(int storedWidth, int storedHeight, AVRational sar, int clockwise) {
        int num = sar == null ? 0 : sar.num(), den = sar == null ? 0 : sar.den();
        double pixel = num > 0 && den > 0 ? (double) num / den : 1;
        double w = storedWidth * pixel, h = storedHeight;
        return clockwise % 180 != 0 ? new DisplaySize(h, w, clockwise) : new DisplaySize(w, h, clockwise);
    }

    /** Square pixels, already turned. */
    public static DisplaySize square(int width, int height) {
        return new DisplaySize(width, height);
    }

    /** The width as shown, rounded to an even number (4:2:0 H.264 has no odd sizes). */
    public int evenWidth() {
        return even(width);
    }

    /** The height as shown, rounded to an even number. */
    public int evenHeight() {
        return even(height);
    }

    /**
     * The width at {@code quality}'s height, keeping the display aspect, rounded once (to even): a
     * 240-line source's 240p is then as wide as its transcode.
     */
    public int widthAt(Quality quality) {
        return even(width * quality.height() / height);
    }

    private static int even(double size) {
        return Math.max(2, (int) Math.round(size / 2.0) * 2);
    }
}
