package org.kyoo.transcoder.engine.testmedia;

/**
 * The presentation time painted into every fixture frame: its value in milliseconds as 20 bits,
 * white or black blocks along the top quarter of the luma plane, most significant bit first.
 * Big enough blocks survive compression and scaling down to thumbnail size.
 */
public final class Stamp {
    public static final int BITS = 20;

    private Stamp() {}

    /** Reads the stamp (milliseconds) back from a gray (luma) plane of any size. */
    public static long read(byte[] luma, int width, int height, int lineSize) {
        throw new UnsupportedOperationException("being written");
    }
}
