package org.kyoo.transcoder.benchmarks;

import org.kyoo.transcoder.engine.media.Quality;

/** The streams a cold head is measured on: the transmuxed original, two transcodes, audio track 0. */
public enum Head {
    ORIGINAL("original", null),
    P720("720p", Quality.P720),
    P480("480p", Quality.P480),
    AUDIO("audio", null);

    private final String label;
    private final Quality quality;

    Head(String label, Quality quality) {
        this.label = label;
        this.quality = quality;
    }

    public String label() { return label; }

    /** The transcoded quality, null for the original and for audio. */
    public Quality quality() { return quality; }

    public boolean isAudio() { return this == AUDIO; }

    public static Head fromLabel(String label) {
        for (Head h : values()) if (h.label.equals(label)) return h;
        throw new IllegalArgumentException("no head " + label);
    }
}
