package org.kyoo.transcoder.engine.streams;

import org.kyoo.transcoder.engine.media.Quality;

/**
 * One fMP4 stream of upstream Kyoo's table: a video track copied ({@code quality} null) or
 * transcoded, or an audio track copied ({@code bitRate} 0) or encoded to AAC at {@code bitRate}.
 * {@code keepSize}: upstream's {@code transcode}, the source's own size in H.264, encoded at
 * {@code quality}'s rates (the smallest quality at least as tall).
 */
public record Rendition(boolean audio, int track, Quality quality, long bitRate, boolean keepSize) {
    public static Rendition videoOriginal(int track) {
        return new Rendition(false, track, null, 0, false);
    }

    public static Rendition video(int track, Quality quality) {
        return new Rendition(false, track, quality, 0, false);
    }

    /** The source's size re-encoded, at the rates of {@code quality}. */
    public static Rendition videoTranscode(int track, Quality quality) {
        return new Rendition(false, track, quality, 0, true);
    }

    public static Rendition audioOriginal(int track) {
        return new Rendition(true, track, null, 0, false);
    }

    public static Rendition audio(int track, long bitRate) {
        return new Rendition(true, track, null, bitRate, false);
    }

    public boolean original() {
        return audio ? bitRate == 0 : quality == null;
    }

    /** The stream's folder under the file's cache folder, apart from the v3 table's TS streams. */
    public String label() {
        if (audio) return "fmp4-audio-" + track + "-" + (bitRate == 0 ? Quality.ORIGINAL : (bitRate / 1000) + "k");
        if (keepSize) return "fmp4-video-" + track + "-transcode";
        return "fmp4-video-" + track + "-" + (quality == null ? Quality.ORIGINAL : quality.label());
    }
}
