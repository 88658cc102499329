package org.kyoo.transcoder.engine.media;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one table of MIME types by file extension: media containers as the original took them from
 * the system table (for /info's {@code mimeCodec}), and what the server sends by extension beside
 * them (subtitles, fonts, pictures).
 */
public final class MimeTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("mk3d", "video/x-matroska"),
            Map.entry("mka", "audio/x-matroska"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp4", "video/mp4"),
            // the system table's, which /info always gave; Safari, Chrome and Firefox play it as MP4
            Map.entry("m4v", "video/x-m4v"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("3gp", "video/3gpp"),
            Map.entry("3g2", "video/3gpp2"),
            Map.entry("ts", "video/mp2t"),
            Map.entry("m2ts", "video/mp2t"),
            Map.entry("mts", "video/mp2t"),
            Map.entry("avi", "video/x-msvideo"),
            Map.entry("wmv", "video/x-ms-wmv"),
            Map.entry("asf", "video/x-ms-asf"),
            Map.entry("flv", "video/x-flv"),
            Map.entry("mpg", "video/mpeg"),
            Map.entry("mpeg", "video/mpeg"),
            Map.entry("vob", "video/mpeg"),
            Map.entry("ogv", "video/ogg"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("oga", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("aac", "audio/aac"),
            Map.entry("flac", "audio/flac"),
            Map.entry("wav", "audio/wav"),
            Map.entry("srt", "application/x-subrip"),
            Map.entry("ass", "text/x-ssa"),
            Map.entry("ssa", "text/x-ssa"),
            Map.entry("vtt", "text/vtt"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"));

    private MimeTypes() {}

    /** The MIME type for an extension (without the dot, any case), null when unknown. */
    public static String byExtension(String extension) {
        if (extension == null) return null;
        return BY_EXTENSION.get(extension.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code video/x-matroska; codecs="avc1.640028, mp4a.40.2"}; the bare type without codecs; null
     * for an extension that is not a known audio or video container (a picture or subtitle libav
     * happens to open is no file a player streams).
     */
    public static String withCodecs(String extension, List<String> codecs) {
        String type = byExtension(extension);
        if (type == null || !(type.startsWith("video/") || type.startsWith("audio/"))) return null;
        if (codecs.isEmpty()) return type;
        return type + "; codecs=\"" + String.join(", ", codecs) + "\"";
    }
}
