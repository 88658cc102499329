package org.kyoo.transcoder.engine.thumbnails;

/**
 * Where each capture of a file goes, in time and in the sprite (SPEC "Subtitles, attachments,
 * thumbnails", the original's thumbnails.go): one capture every 10 s, at most 150 spread evenly
 * over longer files, at least one for files under 10 s; tiles 144 px high keeping the display
 * aspect ratio, {@code floor(sqrt(n))} columns.
 *
 * @param count      number of captures (and VTT cues)
 * @param interval   seconds between captures, and the length of each cue
 * @param columns    tiles per row
 * @param rows       rows of tiles
 * @param tileWidth  pixels
 * @param tileHeight pixels (always {@link #TILE_HEIGHT})
 */
public record SpriteLayout(int count, int interval, int columns, int rows, int tileWidth, int tileHeight) {
    public static final int TILE_HEIGHT = 144;
    /** Seconds between captures when the file is short enough. */
    public static final int DEFAULT_INTERVAL = 10;
    /** More would make generation slow and the sprite heavy for little gain on a seek bar. */
    public static final int MAX_CAPTURES = 150;

    /**
     * @param duration     the file's duration in seconds
     * @param displayWidth the video's width once its sample aspect ratio is applied
     * @param height       the video's height
     */
    public static SpriteLayout of(double duration, double displayWidth, int height) {
        if (height <= 0 || displayWidth <= 0) throw new IllegalArgumentException("No picture size");
        int seconds = (int) Math.max(0, Math.floor(duration));
        int count = Math.min(MAX_CAPTURES, Math.max(1, seconds / DEFAULT_INTERVAL));
        // The original divides by zero under 10 s; a single capture covering the file is what a viewer expects.
        int interval = Math.max(1, seconds / count);
        int columns = Math.max(1, (int) Math.floor(Math.sqrt(count)));
        int rows = (count + columns - 1) / columns;
        int tileWidth = Math.max(1, (int) ((double) TILE_HEIGHT / height * displayWidth));
        return new SpriteLayout(count, interval, columns, rows, tileWidth, TILE_HEIGHT);
    }

    /** Seconds from the start of the file at which capture {@code i} is taken (its cue's start). */
    public int time(int i) {
        return i * interval;
    }

    public int x(int i) {
        return (i % columns) * tileWidth;
    }

    public int y(int i) {
        return (i / columns) * tileHeight;
    }

    public int spriteWidth() {
        return columns * tileWidth;
    }

    public int spriteHeight() {
        return rows * tileHeight;
    }

    /**
     * The WebVTT map of the sprite: one cue per capture pointing into {@code picture}.
     *
     * @param picture where the sprite is, as the map's reader resolves it (its name beside the map)
     */
    public String vtt(String picture) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
        for (int i = 0; i < count; i++) {
            vtt.append(vttTime(time(i))).append(" --> ").append(vttTime(time(i) + interval)).append('\n')
                    .append(picture).append("#xywh=")
                    .append(x(i)).append(',').append(y(i)).append(',')
                    .append(tileWidth).append(',').append(tileHeight).append("\n\n");
        }
        return vtt.toString();
    }

    static String vttTime(int seconds) {
        return String.format("%02d:%02d:%02d.000", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
