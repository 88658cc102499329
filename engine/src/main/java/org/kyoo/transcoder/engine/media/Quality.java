package org.kyoo.transcoder.engine.media;

import java.util.List;
import java.util.Optional;

/** The transcoded video qualities; {@code original} (transmuxed) is not one of them. */
public enum Quality {
    P240("240p", 240, 400_000, 700_000),
    P360("360p", 360, 800_000, 1_400_000),
    P480("480p", 480, 1_200_000, 2_100_000),
    P720("720p", 720, 2_400_000, 4_000_000),
    P1080("1080p", 1080, 4_800_000, 8_000_000),
    P1440("1440p", 1440, 9_600_000, 12_000_000),
    P4K("4k", 2160, 16_000_000, 28_000_000),
    P8K("8k", 4320, 28_000_000, 40_000_000);

    public static final String ORIGINAL = "original";
    public static final List<Quality> ALL = List.of(values());

    private final String label;
    private final int height;
    private final long averageBitrate;
    private final long maxBitrate;

    Quality(String label, int height, long averageBitrate, long maxBitrate) {
        this.label = label;
        this.height = height;
        this.averageBitrate = averageBitrate;
        this.maxBitrate = maxBitrate;
    }

    public String label() { return label; }
    public int height() { return height; }
    public long averageBitrate() { return averageBitrate; }
    public long maxBitrate() { return maxBitrate; }

    /** Width for this quality keeping the source's aspect ratio, rounded to an even number. */
    public int widthFor(int sourceWidth, int sourceHeight) {
        double w = (double) height / sourceHeight * sourceWidth;
        int even = (int) Math.round(w / 2.0) * 2;
        return Math.max(2, even);
    }

    public static Optional<Quality> fromLabel(String label) {
        for (Quality q : values()) if (q.label.equals(label)) return Optional.of(q);
        return Optional.empty();
    }

    /** The smallest quality at least as tall as {@code height} (the tallest when none is). */
    public static Quality fromHeight(int height) {
        for (Quality q : values()) if (q.height >= height) return q;
        return P8K;
    }

    @Override
    public String toString() { return label; }
}
