package org.kyoo.transcoder.server.playlists;

import java.util.List;
import java.util.Locale;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/**
 * A media playlist (SPEC "Media playlists"): one segment per keyframe interval, the same cuts for
 * every rendition and audio track.
 */
public final class MediaPlaylist {
    private MediaPlaylist() {}

    /**
     * @param keyframes the cut points known so far (seconds, source timeline)
     * @param complete  whether the keyframe scan has ended; until then the last segment, whose end is
     *                  not known, and {@code #EXT-X-ENDLIST} are left out
     * @param end       where the last segment ends (seconds, source timeline)
     * @param links     the query every segment URI carries
     */
    public static String render(double[] keyframes, boolean complete, double end, LinkQuery links) {
        return render(keyframes, complete, end, links, ".ts");
    }

    /** {@link #render}, with segments named {@code segment-{i}{extension}} (WebVTT subtitles: {@code .vtt}). */
    public static String render(double[] keyframes, boolean complete, double end, LinkQuery links, String extension) {
        return render(keyframes, complete, end, links, extension, List.of());
    }

    /** {@link #render}, naming the file's typed chapters as date ranges ({@link ChapterRanges}). */
    public static String render(double[] keyframes, boolean complete, double end, LinkQuery links, String extension,
                                List<Chapter> chapters) {
        int count = complete ? keyframes.length : Math.max(0, keyframes.length - 1);
        double[] durations = new double[count];
        double longest = 0;
        for (int i = 0; i < count; i++) {
            double segmentEnd = i + 1 < keyframes.length ? keyframes[i + 1] : end;
            durations[i] = Math.max(0, segmentEnd - keyframes[i]);
            longest = Math.max(longest, durations[i]);
        }
        StringBuilder m3u8 = new StringBuilder(64 + 32 * count)
                .append("#EXTM3U\n")
                .append("#EXT-X-VERSION:6\n")
                // EVENT: segments are only ever appended, while the keyframe scan runs
                .append("#EXT-X-PLAYLIST-TYPE:EVENT\n")
                // start at 0 rather than near the live edge (needs version 6)
                .append("#EXT-X-START:TIME-OFFSET=0\n")
                .append("#EXT-X-TARGETDURATION:").append(targetDuration(longest)).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:0\n")
                .append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (count > 0) m3u8.append(ChapterRanges.tags(chapters, keyframes[0]));
        for (int i = 0; i < count; i++) {
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.6f,", durations[i])).append('\n')
                    .append(links.on("segment-" + i + extension)).append('\n');
        }
        if (complete) m3u8.append("#EXT-X-ENDLIST\n");
        return m3u8.toString();
    }

    /** The longest segment rounded up: HLS forbids any EXTINF rounding above it. */
    static long targetDuration(double longest) {
        // float noise must not turn an exact 4 s into 5
        return Math.max(1, (long) Math.ceil(longest - 1e-6));
    }
}
