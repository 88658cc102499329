package org.kyoo.transcoder.server.playlists;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * Text subtitle tracks offered as WebVTT renditions in the master playlist, so hls.js and Safari
 * show them with no code of their own: one {@code #EXT-X-MEDIA:TYPE=SUBTITLES} per track, in the
 * group every variant names with {@code SUBTITLES="subs"}.
 */
public final class SubtitleRenditions {
    public static final String GROUP = "subs";
    /** Tracks libavcodec converts to WebVTT; picture subtitles (PGS, VobSub) have no text to offer. */
    private static final Set<String> TEXT_EXTENSIONS = Set.of("srt", "ass", "ssa", "vtt");

    private SubtitleRenditions() {}

    /** The tracks offered: text subtitles the file has or keeps beside it. */
    public static List<MediaInfo.Subtitle> of(MediaInfo info) {
        if (info.subtitles() == null) return List.of();
        return info.subtitles().stream()
                .filter(s -> s.extension() != null && TEXT_EXTENSIONS.contains(s.extension()))
                .toList();
    }

    /** The attribute a variant's {@code #EXT-X-STREAM-INF} adds: empty without tracks (a group that does not exist is an error). */
    public static String variantAttribute(MediaInfo info) {
        return of(info).isEmpty() ? "" : ",SUBTITLES=\"" + GROUP + "\"";
    }

    /** Appends one {@code #EXT-X-MEDIA:TYPE=SUBTITLES} per track. */
    public static void appendMedia(StringBuilder m3u8, MediaInfo info, LinkQuery links) {
        List<MediaInfo.Subtitle> tracks = of(info);
        Map<String, Long> nameCounts = tracks.stream()
                .collect(Collectors.groupingBy(SubtitleRenditions::name, Collectors.counting()));
        for (MediaInfo.Subtitle subtitle : tracks) {
            String name = name(subtitle);
            // HLS wants every NAME of a group distinct: a shared one gets the track's number
            if (nameCounts.get(name) > 1) name += " " + (subtitle.index() + 1);
            m3u8.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"").append(GROUP).append("\",");
            if (subtitle.language() != null) m3u8.append("LANGUAGE=\"").append(MasterPlaylist.quoted(subtitle.language())).append("\",");
            m3u8.append("NAME=\"").append(MasterPlaylist.quoted(name)).append("\",")
                    // only a track flagged default starts shown; players otherwise leave subtitles off
                    .append("DEFAULT=").append(subtitle.isDefault() ? "YES" : "NO")
                    .append(",AUTOSELECT=YES")
                    .append(",FORCED=").append(subtitle.isForced() ? "YES" : "NO")
                    .append(",URI=\"").append(links.on(uri(subtitle.index()))).append("\"\n");
        }
    }

    /** Where track {@code index}'s media playlist is, relative to the master playlist. */
    public static String uri(int index) {
        return "./subtitles/" + index + "/index.m3u8";
    }

    /** Title, else language, with its flags: what a player's menu lists. */
    private static String name(MediaInfo.Subtitle subtitle) {
        String base = subtitle.title() != null ? subtitle.title()
                : subtitle.language() != null ? subtitle.language()
                : "Subtitle";
        StringBuilder name = new StringBuilder(base);
        if (subtitle.isForced()) name.append(" (forced)");
        if (subtitle.isHearingImpaired()) name.append(" (SDH)");
        return name.toString();
    }
}
