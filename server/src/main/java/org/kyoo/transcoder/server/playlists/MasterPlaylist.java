package org.kyoo.transcoder.server.playlists;

import java.util.Locale;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;

/** The master playlist of a file (SPEC "Master playlist"): every rendition and audio track. */
public final class MasterPlaylist {
    /** Transcoded video is always H.264 High; the level is left out when comparing with the source. */
    static final String TRANSCODED_PREFIX = "avc1.6400";
    static final String TRANSCODED_CODEC = TRANSCODED_PREFIX + "28";
    /** Audio is always transcoded to AAC-LC, whatever the source carries. */
    static final String AUDIO_CODEC = "mp4a.40.2";
    static final String AUDIO_GROUP = "audio";

    private MasterPlaylist() {}

    public static String render(MediaInfo info) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n");
        boolean hasAudio = !info.audios().isEmpty();
        MediaInfo.Video video = info.video();
        if (video != null) {
            Quality source = Quality.fromLabel(video.quality()).orElseGet(() -> Quality.fromHeight(video.height()));
            original(m3u8, video, source, hasAudio);
            boolean alreadyTranscodedCodec = video.mimeCodec() != null && video.mimeCodec().startsWith(TRANSCODED_PREFIX);
            for (Quality quality : Quality.ALL) {
                boolean shorter = quality.height() < source.height();
                if (shorter || (quality.height() == source.height() && !alreadyTranscodedCodec)) {
                    transcoded(m3u8, video, quality, hasAudio);
                }
            }
        }
        for (MediaInfo.Audio audio : info.audios()) audio(m3u8, audio);
        return m3u8.toString();
    }

    private static void original(StringBuilder m3u8, MediaInfo.Video video, Quality source, boolean hasAudio) {
        // the quality a transcode would pick: it caps what we announce for the copied stream
        Quality comparable = Quality.ALL.stream()
                .filter(q -> q.height() >= source.height() || q.averageBitrate() >= video.bitrate())
                .findFirst().orElse(source);
        long bitrate = video.bitrate() > 0 ? video.bitrate() : comparable.maxBitrate();
        m3u8.append("#EXT-X-STREAM-INF:")
                .append("AVERAGE-BANDWIDTH=").append(Math.min((long) (bitrate * 0.8), comparable.averageBitrate()))
                .append(",BANDWIDTH=").append(Math.min(bitrate, comparable.maxBitrate()))
                .append(",RESOLUTION=").append(video.width()).append('x').append(video.height());
        // a CODECS listing only part of the codecs is worse than none: strict players trust it
        if (video.mimeCodec() != null) m3u8.append(",CODECS=\"").append(codecs(video.mimeCodec(), hasAudio)).append('"');
        streamEnd(m3u8, hasAudio, Quality.ORIGINAL);
    }

    private static void transcoded(StringBuilder m3u8, MediaInfo.Video video, Quality quality, boolean hasAudio) {
        m3u8.append("#EXT-X-STREAM-INF:")
                .append("AVERAGE-BANDWIDTH=").append(quality.averageBitrate())
                .append(",BANDWIDTH=").append(quality.maxBitrate())
                .append(",RESOLUTION=").append(quality.widthFor(video.width(), video.height()))
                .append('x').append(quality.height())
                .append(",CODECS=\"").append(codecs(TRANSCODED_CODEC, hasAudio)).append('"');
        streamEnd(m3u8, hasAudio, quality.label());
    }

    /** HLS asks every variant's CODECS to name the codecs of the renditions it plays with. */
    private static String codecs(String videoCodec, boolean hasAudio) {
        return hasAudio ? videoCodec + "," + AUDIO_CODEC : videoCodec;
    }

    private static void streamEnd(StringBuilder m3u8, boolean hasAudio, String folder) {
        // naming a group that does not exist makes the playlist invalid, so only with audio tracks
        if (hasAudio) m3u8.append(",AUDIO=\"").append(AUDIO_GROUP).append('"');
        m3u8.append(",CLOSED-CAPTIONS=NONE\n").append("./").append(folder).append("/index.m3u8\n");
    }

    private static void audio(StringBuilder m3u8, MediaInfo.Audio audio) {
        m3u8.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(AUDIO_GROUP).append("\",");
        if (audio.language() != null) m3u8.append("LANGUAGE=\"").append(quoted(audio.language())).append("\",");
        String name = audio.title() != null ? audio.title()
                : audio.language() != null ? audio.language()
                : String.format(Locale.ROOT, "Audio %d", audio.index());
        m3u8.append("NAME=\"").append(quoted(name)).append("\",");
        if (audio.isDefault()) m3u8.append("DEFAULT=YES,");
        m3u8.append("URI=\"./audio/").append(audio.index()).append("/index.m3u8\"\n");
    }

    /** An HLS quoted-string may hold neither a double quote nor a line break. */
    private static String quoted(String value) {
        return value.replace('"', '\'').replace('\n', ' ').replace('\r', ' ');
    }
}
