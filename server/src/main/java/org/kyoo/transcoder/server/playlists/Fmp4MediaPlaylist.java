package org.kyoo.transcoder.server.playlists;

import java.util.List;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/**
 * A media playlist of upstream Kyoo's table: the v3 playlist's segments (same cuts, same
 * durations) as {@code segment-N.mp4} after an {@code #EXT-X-MAP} of the rendition's init
 * segment, HLS version 7, every URI carrying the request's query.
 */
public final class Fmp4MediaPlaylist {
    private Fmp4MediaPlaylist() {}

    public static String render(double[] keyframes, boolean complete, double end, LinkQuery links) {
        return render(keyframes, complete, end, links, List.of());
    }

    /** {@link #render}, naming the file's typed chapters as date ranges ({@link ChapterRanges}). */
    public static String render(double[] keyframes, boolean complete, double end, LinkQuery links, List<Chapter> chapters) {
        String ts = MediaPlaylist.render(keyframes, complete, end, LinkQuery.NONE, ".ts", chapters);
        StringBuilder m3u8 = new StringBuilder(ts.length() + 64);
        for (String line : ts.split("\n")) {
            if (line.equals("#EXT-X-VERSION:6")) {
                // version 7: fMP4 segments with an init (#EXT-X-MAP)
                m3u8.append("#EXT-X-VERSION:7\n");
            } else if (line.startsWith("segment-") && line.endsWith(".ts")) {
                m3u8.append(links.on(line.substring(0, line.length() - 3) + ".mp4")).append('\n');
            } else {
                m3u8.append(line).append('\n');
                if (line.equals("#EXT-X-INDEPENDENT-SEGMENTS")) {
                    m3u8.append("#EXT-X-MAP:URI=\"").append(links.on("init.mp4")).append("\"\n");
                }
            }
        }
        return m3u8.toString();
    }
}
