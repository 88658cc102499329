package org.kyoo.transcoder.engine.hdr;

/**
 * One HDR stream's way to SDR BT.709: its pictures' colours and the configured curve. A hardware
 * profile tone-maps on its device where FFmpeg has a filter for it, else on the CPU with these
 * software chains.
 */
public record ToneMap(SourceColours source, ToneMapping mapping) {
    /** The stream's way to SDR, or null when it is SDR already. */
    public static ToneMap of(SourceColours source, ToneMapping mapping) {
        return source.isHdr() ? new ToneMap(source, mapping) : null;
    }

    /** Scaled to {@code width}x{@code height} and tone-mapped on the CPU, in {@code pixelFormat}. */
    public String software(int width, int height, String pixelFormat) {
        return mapping.software(source, width, height, pixelFormat);
    }

    /** Tone-mapped on the CPU at the pictures' own size, in {@code pixelFormat}. */
    public String software(String pixelFormat) {
        return mapping.software(source, pixelFormat);
    }
}
