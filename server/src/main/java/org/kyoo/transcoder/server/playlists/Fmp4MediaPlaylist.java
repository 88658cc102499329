package org.kyoo.transcoder.server.playlists;

import java.util.Locale;

/**
 * A media playlist of upstream Kyoo's table: the v3 playlist's segments (same cuts, same
 * durations) as {@code segment-N.mp4} after an {@code #EXT-X-MAP} of the rendition's init
 * segment, HLS version 7, every URI carrying {@code query}.
 */
public final class Fmp4MediaPlaylist {
    private Fmp4MediaPlaylist() {}

    public static String render(double[] keyframes, boolean complete, double end, String query) {
        String ts = MediaPlaylist.render(keyframes, complete, end);
        StringBuilder m3u8 = new StringBuilder(ts.length() + 64);
        for (String line : ts.split("\n")) {
            if (line.equals("#EXT-X-VERSION:6")) {
                // version 7: fMP4 segments with an init (#EXT-X-MAP)
                m3u8.append("#EXT-X-VERSION:7\n");
            } else if (line.startsWith("segment-") && line.contains(".ts")) {
                m3u8.append(line, 0, line.indexOf(".ts")).append(".mp4").append(query).append('\n');
            } else {
                m3u8.append(line).append('\n');
                if (line.equals("#EXT-X-INDEPENDENT-SEGMENTS")) {
                    m3u8.append(String.format(Locale.ROOT, "#EXT-X-MAP:URI=\"init.mp4%s\"\n", query));
                }
            }
        }
        return m3u8.toString();
    }
}
