package org.kyoo.transcoder.server.playlists;

import java.util.List;
import java.util.Locale;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.containers.TransportStreamCodecs;
import org.kyoo.transcoder.engine.encoding.OutputCodec;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * The master playlist of a file (SPEC "Master playlist"): every rendition a browser can play, and
 * every audio track. Each variant names its codecs and size, so a player never picks one it would
 * fail to parse.
 */
public final class MasterPlaylist {
    /** What every transcoded video is written as (the engine's output codec). */
    static final OutputCodec TRANSCODED = OutputCodec.TRANSCODED;
    /** Audio is always transcoded to AAC-LC, whatever the source carries. */
    static final String AUDIO_CODEC = "mp4a.40.2";
    /** The transcoded audio is stereo whatever the source has: what a player will get. */
    static final String AUDIO_CHANNELS = "2";
    /** The AAC encoder's 128 kb/s, and room for MPEG-TS overhead at the peak. */
    static final long AUDIO_AVERAGE_BANDWIDTH = 128_000;
    static final long AUDIO_BANDWIDTH = 160_000;
    static final String AUDIO_GROUP = "audio";

    private MasterPlaylist() {}

    /**
     * @param info              the file's media info
     * @param fallbackKeyframes whether the file's cuts are the made-up every-2-s ones, where a copy
     *                          of its video would not start on a keyframe
     * @param links             the query every URI carries
     */
    public static String render(MediaInfo info, boolean fallbackKeyframes, LinkQuery links) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n");
        List<MediaInfo.Audio> audios = info.audios();
        MediaInfo.Audio defaultAudio = audios.stream().filter(MediaInfo.Audio::isDefault).findFirst()
                .orElse(audios.isEmpty() ? null : audios.get(0));
        MediaInfo.Video video = info.video();
        String subtitles = SubtitleRenditions.variantAttribute(info);
        if (video != null) {
            videoVariants(m3u8, video, fallbackKeyframes, defaultAudio != null, subtitles, links);
        } else if (defaultAudio != null) {
            // no video: without a variant a player finds no level, so the default track is one
            m3u8.append("#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=").append(AUDIO_AVERAGE_BANDWIDTH)
                    .append(",BANDWIDTH=").append(AUDIO_BANDWIDTH)
                    .append(",CODECS=\"").append(AUDIO_CODEC).append('"').append(subtitles).append('\n')
                    .append(links.on(audioUri(defaultAudio))).append('\n');
        }
        for (MediaInfo.Audio audio : audios) audio(m3u8, audio, audio == defaultAudio, links);
        SubtitleRenditions.appendMedia(m3u8, info, links);
        return m3u8.toString();
    }

    private static void videoVariants(
            StringBuilder m3u8, MediaInfo.Video video, boolean fallbackKeyframes, boolean hasAudio, String subtitles,
            LinkQuery links) {
        Quality source = Quality.fromLabel(video.quality()).orElseGet(() -> Quality.fromHeight(video.height()));
        boolean originalPlayable = originalPlayable(video, fallbackKeyframes);
        if (originalPlayable) original(m3u8, video, source, hasAudio, subtitles, links);
        // an original in the transcodes' codec and profile (H.264 High) already plays at its own height;
        // anything else needs the transcode
        boolean originalCoversItsHeight = originalPlayable && TRANSCODED.sameProfile(video.mimeCodec());
        for (Quality quality : Quality.ALL) {
            boolean shorter = quality.height() < source.height();
            if (shorter || (quality.height() == source.height() && !originalCoversItsHeight)) {
                transcoded(m3u8, video, quality, hasAudio, subtitles, links);
            }
        }
    }

    /**
     * Whether the copied stream can be offered: MPEG-TS can carry it, a player can be told what it
     * is (an RFC 6381 string), the cuts are real keyframes, and it is shown as stored (MPEG-TS has
     * no display matrix: a phone's turned clip would be shown on its side; the transcodes turn it).
     */
    static boolean originalPlayable(MediaInfo.Video video, boolean fallbackKeyframes) {
        return video.mimeCodec() != null && TransportStreamCodecs.carriesVideo(video.codec()) && !fallbackKeyframes
                && video.shown().clockwise() == 0;
    }

    private static void original(
            StringBuilder m3u8, MediaInfo.Video video, Quality source, boolean hasAudio, String subtitles, LinkQuery links) {
        // the quality a transcode would pick: it caps what we announce for the copied stream
        Quality comparable = Quality.ALL.stream()
                .filter(q -> q.height() >= source.height() || q.averageBitrate() >= video.bitrate())
                .findFirst().orElse(source);
        long bitrate = video.bitrate() > 0 ? video.bitrate() : comparable.maxBitrate();
        m3u8.append("#EXT-X-STREAM-INF:")
                .append("AVERAGE-BANDWIDTH=").append(Math.min((long) (bitrate * 0.8), comparable.averageBitrate()))
                .append(",BANDWIDTH=").append(Math.min(bitrate, comparable.maxBitrate()))
                .append(",RESOLUTION=").append(video.width()).append('x').append(video.height())
                .append(",CODECS=\"").append(codecs(video.mimeCodec(), hasAudio)).append('"');
        attribute(m3u8, VideoRanges.original(video));
        streamEnd(m3u8, hasAudio, subtitles, Quality.ORIGINAL, links);
    }

    private static void transcoded(
            StringBuilder m3u8, MediaInfo.Video video, Quality quality, boolean hasAudio, String subtitles, LinkQuery links) {
        m3u8.append("#EXT-X-STREAM-INF:")
                .append("AVERAGE-BANDWIDTH=").append(quality.averageBitrate())
                .append(",BANDWIDTH=").append(quality.maxBitrate())
                .append(",RESOLUTION=").append(video.shown().widthAt(quality))
                .append('x').append(quality.height())
                .append(",CODECS=\"").append(codecs(TRANSCODED.codecString(), hasAudio)).append('"');
        attribute(m3u8, VideoRanges.transcoded(video));
        streamEnd(m3u8, hasAudio, subtitles, quality.label(), links);
    }

    /** {@code ,} and {@code attributes}, unless null. */
    private static void attribute(StringBuilder m3u8, String attributes) {
        if (attributes != null) m3u8.append(',').append(attributes);
    }

    /** HLS asks every variant's CODECS to name the codecs of the renditions it plays with. */
    private static String codecs(String videoCodec, boolean hasAudio) {
        return hasAudio ? videoCodec + "," + AUDIO_CODEC : videoCodec;
    }

    private static void streamEnd(StringBuilder m3u8, boolean hasAudio, String subtitles, String folder, LinkQuery links) {
        // naming a group that does not exist makes the playlist invalid, so only with audio tracks
        if (hasAudio) m3u8.append(",AUDIO=\"").append(AUDIO_GROUP).append('"');
        m3u8.append(subtitles);
        m3u8.append(",CLOSED-CAPTIONS=NONE\n").append(links.on("./" + folder + "/index.m3u8")).append('\n');
    }

    private static void audio(StringBuilder m3u8, MediaInfo.Audio audio, boolean isDefault, LinkQuery links) {
        m3u8.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(AUDIO_GROUP).append("\",");
        if (audio.language() != null) m3u8.append("LANGUAGE=\"").append(quoted(audio.language())).append("\",");
        String name = audio.title() != null ? audio.title()
                : audio.language() != null ? audio.language()
                : String.format(Locale.ROOT, "Audio %d", audio.index());
        m3u8.append("NAME=\"").append(quoted(name)).append("\",")
                // one track is the default (the flagged one, else the first), so a player starts with sound
                .append("DEFAULT=").append(isDefault ? "YES" : "NO")
                .append(",AUTOSELECT=YES")
                .append(",CHANNELS=\"").append(AUDIO_CHANNELS).append('"')
                .append(",URI=\"").append(links.on(audioUri(audio))).append("\"\n");
    }

    private static String audioUri(MediaInfo.Audio audio) {
        return "./audio/" + audio.index() + "/index.m3u8";
    }

    /** An HLS quoted-string may hold neither a double quote nor a line break. */
    static String quoted(String value) {
        return value.replace('"', '\'').replace('\n', ' ').replace('\r', ' ');
    }
}
