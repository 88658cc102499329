package org.kyoo.transcoder.engine.media;

import java.util.List;

/**
 * What {@code /:path/info} answers. Field names are the JSON contract (SPEC "Media info").
 *
 * @param duration seconds
 */
public record MediaInfo(
        String sha,
        String path,
        String extension,
        String mimeCodec,
        long size,
        double duration,
        String container,
        Video video,
        List<Video> videos,
        List<Audio> audios,
        List<Subtitle> subtitles,
        List<String> fonts,
        List<Chapter> chapters) {

    /** @param bitrate the stream's bit rate, else the container's (bits/s) */
    public record Video(
            String codec, String mimeCodec, String language, String quality,
            int width, int height, long bitrate) {}

    /** @param index position among the file's audio streams */
    public record Audio(
            int index, String title, String language, String codec, String mimeCodec,
            int channels, boolean isDefault, boolean isForced) {}

    /** @param index position among the file's subtitle streams */
    public record Subtitle(
            int index, String title, String language, String codec, String extension,
            boolean isDefault, boolean isForced, String link) {}

    /** @param startTime seconds; @param endTime seconds */
    public record Chapter(double startTime, double endTime, String name) {}
}
