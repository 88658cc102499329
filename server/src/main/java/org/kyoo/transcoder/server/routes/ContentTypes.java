package org.kyoo.transcoder.server.routes;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Content types of what the server sends, by extension where the file decides. */
final class ContentTypes {
    static final String PLAYLIST = "application/vnd.apple.mpegurl";
    static final String SEGMENT = "video/mp2t";
    static final String PNG = "image/png";
    static final String VTT = "text/vtt";
    static final String BINARY = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("mkv", "video/x-matroska"),
            Map.entry("mka", "audio/x-matroska"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("m4v", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("avi", "video/x-msvideo"),
            Map.entry("ts", SEGMENT),
            Map.entry("m2ts", SEGMENT),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("flac", "audio/flac"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("opus", "audio/ogg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("srt", "application/x-subrip"),
            Map.entry("ass", "text/x-ssa"),
            Map.entry("ssa", "text/x-ssa"),
            Map.entry("vtt", VTT),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("png", PNG),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"));

    private ContentTypes() {}

    static String of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) return BINARY;
        return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), BINARY);
    }
}
