package org.kyoo.transcoder.engine.testmedia;

import java.nio.ByteBuffer;

/**
 * The presentation time painted into every fixture frame: its value in milliseconds as 24 bits,
 * white or black blocks across the top quarter of the luma plane, most significant bit first.
 * The blocks are big enough to survive compression and scaling down to thumbnail size.
 */
public final class Stamp {
    public static final int BITS = 24;
    private static final byte WHITE = (byte) 235;
    private static final byte BLACK = (byte) 16;

    private Stamp() {}

    static void paint(ByteBuffer luma, int width, int height, int lineSize, long millis) {
        int band = Math.max(1, height / 4);
        for (int bit = 0; bit < BITS; bit++) {
            boolean on = ((millis >> (BITS - 1 - bit)) & 1) != 0;
            int x0 = bit * width / BITS, x1 = (bit + 1) * width / BITS;
            for (int row = 0; row < band; row++) {
                for (int x = x0; x < x1; x++) luma.put(row * lineSize + x, on ? WHITE : BLACK);
            }
        }
    }

    /** Reads the stamp (milliseconds) back from a gray (luma) plane of any size. */
    public static long read(byte[] luma, int width, int height, int lineSize) {
        int y = Math.max(0, height / 8);
        long value = 0;
        for (int bit = 0; bit < BITS; bit++) {
            int x = (int) ((bit + 0.5) * width / BITS);
            int v = Byte.toUnsignedInt(luma[y * lineSize + x]);
            value = (value << 1) | (v > 128 ? 1 : 0);
        }
        return value;
    }

    /** Reads the stamp from packed RGB pixels ({@code 0xRRGGBB}, as BufferedImage.getRGB gives). */
    public static long readRgb(int[] rgb, int width, int height) {
        byte[] gray = new byte[width * height];
        for (int i = 0; i < gray.length; i++) {
            int p = rgb[i];
            gray[i] = (byte) ((((p >> 16) & 0xff) * 77 + ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >> 8);
        }
        return read(gray, width, height, width);
    }
}
