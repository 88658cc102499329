package org.kyoo.transcoder.engine.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Subtitle files users keep beside a video ({@code Film.en.srt}, {@code Film.fr.forced.ass},
 * {@code Film.en.sdh.srt}): a name that starts with the video's base name and a dot, ends in a
 * subtitle extension, and says in its middle parts which language and flags the track has.
 */
public final class SidecarSubtitles {
    /** Extension → the libavcodec codec that reads it. */
    private static final Map<String, String> CODECS = Map.of(
            "srt", "subrip",
            "ass", "ass",
            "ssa", "ass",
            "vtt", "webvtt",
            "sup", "hdmv_pgs_subtitle");

    /**
     * One sidecar file.
     *
     * @param extension lower-case, as the file is served ({@code srt}, {@code ass}, {@code ssa}, {@code vtt}, {@code sup})
     * @param title     the middle parts that are neither a language nor a flag, null when none
     */
    public record Sidecar(Path file, String extension, String codec, String language, String title,
                          boolean isDefault, boolean isForced, boolean isHearingImpaired, long modified) {}

    private SidecarSubtitles() {}

    /** The sidecars of {@code video}, ordered by file name; none when its folder cannot be listed. */
    public static List<Sidecar> of(Path video) {
        Path folder = video.toAbsolutePath().getParent();
        String base = baseName(video.getFileName().toString());
        List<Sidecar> found = new ArrayList<>();
        if (folder == null) return found;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!name.startsWith(base + ".") || !Files.isRegularFile(file)) continue;
                parse(name.substring(base.length() + 1)).map(s -> withFile(s, file)).ifPresent(found::add);
            }
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.comparing(s -> s.file().getFileName().toString()));
        return found;
    }

    /**
     * The sidecars of {@code video} as info entries, indexed from {@code firstIndex} (after the
     * file's own subtitle streams); extracted, and served, as {@code {index}.{ext}}.
     */
    public static List<MediaInfo.Subtitle> asSubtitles(Path video, int firstIndex) {
        List<MediaInfo.Subtitle> subtitles = new ArrayList<>();
        for (Sidecar s : of(video)) {
            int index = firstIndex + subtitles.size();
            subtitles.add(new MediaInfo.Subtitle(index, s.title(), s.language(), s.codec(), s.extension(),
                    s.isDefault(), s.isForced(), null, s.isHearingImpaired(), true));
        }
        return subtitles;
    }

    /**
     * What goes into the file version's cache key: every sidecar's name and modification time, so
     * adding, removing or editing one gives the video a new version (new info, new extraction).
     */
    public static byte[] fingerprint(Path video) {
        StringBuilder text = new StringBuilder();
        for (Sidecar sidecar : of(video)) {
            text.append(sidecar.file().getFileName()).append('\0').append(sidecar.modified()).append('\0');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code rest}, the name after the base name and its dot ({@code "fr.forced.ass"}); empty
     * when it does not end in a subtitle extension.
     */
    static java.util.Optional<Sidecar> parse(String rest) {
        String[] parts = rest.split("\\.");
        String extension = parts[parts.length - 1].toLowerCase(Locale.ROOT);
        String codec = CODECS.get(extension);
        if (codec == null) return java.util.Optional.empty();
        String language = null;
        List<String> titleParts = new ArrayList<>();
        boolean isDefault = false;
        boolean isForced = false;
        boolean isHearingImpaired = false;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            switch (part.toLowerCase(Locale.ROOT)) {
                case "default" -> isDefault = true;
                case "forced", "foreign" -> isForced = true;
                // "hi" is Hindi's code too; in a sidecar name it is, by wide convention, "hearing impaired".
                case "sdh", "hi", "cc" -> isHearingImpaired = true;
                default -> {
                    String tag = language == null ? Languages.toBcp47(part) : null;
                    if (tag != null) language = tag;
                    else if (!part.isEmpty()) titleParts.add(part);
                }
            }
        }
        String title = titleParts.isEmpty() ? null : String.join(" ", titleParts);
        return java.util.Optional.of(new Sidecar(null, extension, codec, language, title, isDefault, isForced,
                isHearingImpaired, 0));
    }

    private static Sidecar withFile(Sidecar parsed, Path file) {
        long modified;
        try {
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            modified = 0;
        }
        return new Sidecar(file, parsed.extension(), parsed.codec(), parsed.language(), parsed.title(),
                parsed.isDefault(), parsed.isForced(), parsed.isHearingImpaired(), modified);
    }

    /** The video's name without its extension: {@code Film.2019.mkv} → {@code Film.2019}. */
    private static String baseName(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
