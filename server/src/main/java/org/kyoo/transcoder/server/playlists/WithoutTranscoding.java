package org.kyoo.transcoder.server.playlists;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kyoo.transcoder.engine.media.MediaInfo;

/**
 * What a server that never encodes video ({@code GOCODER_TRANSCODE=disabled}: a small machine
 * without a hardware encoder) offers: the original video where it can be copied, every audio
 * rendition (copies and the AAC ladder cost little). Masters are cut down to those variants; a
 * file with video none of them can play is refused with the reason, never handed to a player
 * that would wait for ever.
 */
public final class WithoutTranscoding {
    /** A variant's or a video rendition's URI: {@code ./720p/index.m3u8} (v3) or {@code 0/720p/index.m3u8} (Kyoo's). */
    private static final Pattern VIDEO_URI = Pattern.compile("^(?:\\./|\\d+/)([^/]+)/index\\.m3u8");
    private static final Pattern VIDEO_MEDIA = Pattern.compile("^#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"([^\"]+)\"");
    private static final String ORIGINAL = "original";

    private WithoutTranscoding() {}

    /** {@code /info}'s answer: the info, and whether its video plays without an encode. */
    public record Info(@JsonUnwrapped MediaInfo info, Playable withoutTranscoding) {}

    /**
     * @param playable       whether upstream's table (fMP4) copies the video: it can name its codec
     * @param playableMpegTs whether the v3 table (MPEG-TS) copies it too
     * @param reason         why not, when one of them cannot
     */
    public record Playable(boolean playable, boolean playableMpegTs, String reason) {}

    public static Info info(MediaInfo info) {
        MediaInfo.Video video = info.video();
        if (video == null) return new Info(info, new Playable(true, true, null));
        boolean fmp4 = video.mimeCodec() != null;
        boolean ts = MasterPlaylist.originalPlayable(video, false);
        String reason = fmp4 && ts ? null : reason(video, fmp4);
        return new Info(info, new Playable(fmp4, ts, reason));
    }

    /** Why the video is unplayable here (on the fMP4 table when {@code fmp4} is false, else on MPEG-TS). */
    public static String reason(MediaInfo.Video video, boolean fmp4) {
        return "Video transcoding is turned off on this server (GOCODER_TRANSCODE=disabled), and this file's video ("
                + video.codec() + ") cannot be copied " + (fmp4 ? "into MPEG-TS: play it from the /video table"
                : "as it is: no player could be told its codec");
    }

    /**
     * {@code m3u8} without the variants (and video renditions) that encode video; null when it had
     * video variants and none is left (the file's video cannot be copied).
     */
    public static String master(String m3u8) {
        List<String> lines = List.of(m3u8.split("\n", -1));
        List<String> kept = new ArrayList<>();
        int videoVariants = 0, left = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#EXT-X-STREAM-INF:") && i + 1 < lines.size()) {
                String quality = videoQuality(VIDEO_URI, lines.get(i + 1));
                if (quality != null) {
                    videoVariants++;
                    if (!quality.equals(ORIGINAL)) {
                        i++;
                        continue;
                    }
                    left++;
                }
            }
            String rendition = videoQuality(VIDEO_MEDIA, line);
            if (rendition != null && !rendition.equals(ORIGINAL)) continue;
            kept.add(line);
        }
        if (videoVariants > 0 && left == 0) return null;
        return String.join("\n", kept);
    }

    /** The quality folder a video URI names; null for audio and anything else. */
    private static String videoQuality(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        if (!m.find() || m.group(1).equals("audio")) return null;
        return m.group(1);
    }
}
