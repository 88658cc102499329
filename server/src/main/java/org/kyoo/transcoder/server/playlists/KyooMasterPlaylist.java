package org.kyoo.transcoder.server.playlists;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * The master playlist of upstream Kyoo's table (HLS version 7, fMP4): an audio group per audio
 * quality ({@code a-original}, {@code a-128k}…) with each track's {@code CHANNELS}, a
 * {@code TYPE=VIDEO} group per video quality when the file has several video tracks, and the
 * original and {@code transcode} variants each paired with the original and the transcoded audio.
 * Every URI carries the request's query, with its client id, as upstream's do.
 */
public final class KyooMasterPlaylist {
    /** Upstream's audio ladder, bits/s. */
    public static final List<Long> AUDIO_LADDER = List.of(128_000L, 192_000L, 256_000L, 320_000L, 512_000L);
    static final String ORIGINAL = "original";
    static final String TRANSCODE = "transcode";

    private KyooMasterPlaylist() {}

    /** The label of an AAC rate of the ladder: {@code 128k}. */
    public static String audioLabel(long bitRate) {
        return bitRate / 1000 + "k";
    }

    /**
     * The ladder's rate a video quality plays with (upstream's pairing), capped by the source's
     * audio quality; 0 (original audio) for the original and {@code transcode} variants.
     */
    static long matchAudio(Quality video, long sourceAudio) {
        long rate = video == null ? 0 : switch (video) {
            case P240, P360, P480 -> 128_000;
            case P720, P1080 -> 192_000;
            case P1440 -> 256_000;
            case P4K, P8K -> 512_000;
        };
        return rate > sourceAudio ? sourceAudio : rate;
    }

    /** The source audio's place on the ladder: the first rate at or above its own; unknown or higher, the top. */
    static long audioQuality(MediaInfo.Audio audio) {
        if (audio.bitrate() > 0) {
            for (long rate : AUDIO_LADDER) if (rate >= audio.bitrate()) return rate;
        }
        return AUDIO_LADDER.get(AUDIO_LADDER.size() - 1);
    }

    public static String render(MediaInfo info, LinkQuery links) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        List<MediaInfo.Video> videos = info.videos();
        // the variants play the track the file marks default, else the first, as upstream's do
        MediaInfo.Video video = videos.stream().filter(MediaInfo.Video::isDefault).findFirst()
                .orElse(videos.isEmpty() ? info.video() : videos.get(0));
        MediaInfo.Audio defAudio = info.audios().stream().filter(MediaInfo.Audio::isDefault).findFirst()
                .orElse(info.audios().isEmpty() ? null : info.audios().get(0));
        Quality source = video == null ? null
                : Quality.fromLabel(video.quality()).orElseGet(() -> Quality.fromHeight(video.height()));
        long sourceAudio = defAudio == null ? 0 : audioQuality(defAudio);

        if (defAudio != null) {
            List<String> aqualities = new ArrayList<>();
            for (long rate : AUDIO_LADDER) {
                if (rate <= sourceAudio && (source == null || rate <= matchAudio(source, sourceAudio))) aqualities.add(audioLabel(rate));
            }
            aqualities.add(ORIGINAL);
            for (MediaInfo.Audio audio : info.audios()) {
                for (int i = aqualities.size() - 1; i >= 0; i--) {
                    String quality = aqualities.get(i);
                    m3u8.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a-").append(quality).append("\",");
                    if (audio.language() != null) m3u8.append("LANGUAGE=\"").append(MasterPlaylist.quoted(audio.language())).append("\",");
                    m3u8.append("NAME=\"").append(MasterPlaylist.quoted(name(audio.title(), audio.language(), "Audio", audio.index()))).append("\",");
                    if (audio == defAudio) m3u8.append("DEFAULT=YES,");
                    // the copy keeps the source's channels; the AAC ladder is stereo
                    m3u8.append("CHANNELS=\"").append(quality.equals(ORIGINAL) ? audio.channels() : 2).append("\",");
                    m3u8.append("URI=\"").append(links.on("audio/" + audio.index() + "/" + quality + "/index.m3u8")).append("\"\n");
                }
                m3u8.append('\n');
            }
            m3u8.append('\n');
        }
        if (video == null) return m3u8.toString();

        // Every codec the a-original group's copies carry, the default's first. Upstream names the
        // default's only, so hls.js kept that pairing in a browser that cannot decode another
        // track's copy (AC-3 in Chromium) and failed for good when that track was chosen; named
        // all (as HLS asks), such a browser leaves the pairing for the transcoded audio's.
        Set<String> copied = new LinkedHashSet<>();
        if (defAudio != null && defAudio.mimeCodec() != null) copied.add(defAudio.mimeCodec());
        for (MediaInfo.Audio audio : info.audios()) if (audio.mimeCodec() != null) copied.add(audio.mimeCodec());
        List<String> copiedCodecs = List.copyOf(copied);
        boolean allAac = info.audios().stream().allMatch(a -> MasterPlaylist.AUDIO_CODEC.equals(a.mimeCodec()));
        boolean allNamed = info.audios().stream().allMatch(a -> a.mimeCodec() != null);

        List<String> qualities = new ArrayList<>();
        for (Quality q : Quality.ALL) if (q.height() < video.height()) qualities.add(q.label());
        // transcode: the original's size in the transcodes' codec (H.264), needed only when the source is
        // not in its codec and profile (H.264 High) already
        if (!MasterPlaylist.TRANSCODED.sameProfile(video.mimeCodec())) qualities.add(TRANSCODE);
        // an original without a codec string (Theora, VP8, VP9…) is one a browser cannot check
        // before choosing it: hls.js would pick it over the transcodes and fail to play it
        if (video.mimeCodec() != null) qualities.add(ORIGINAL);

        if (videos.size() > 1) {
            for (int index = 0; index < videos.size(); index++) {
                MediaInfo.Video v = videos.get(index);
                for (int i = qualities.size() - 1; i >= 0; i--) {
                    m3u8.append("#EXT-X-MEDIA:TYPE=VIDEO,GROUP-ID=\"").append(qualities.get(i)).append("\",");
                    if (v.language() != null) m3u8.append("LANGUAGE=\"").append(MasterPlaylist.quoted(v.language())).append("\",");
                    m3u8.append("NAME=\"").append(MasterPlaylist.quoted(name(v.title(), v.language(), "Video", index))).append("\",");
                    // the variants themselves play the default track: its rendition needs no URI of its own
                    if (v == video) m3u8.append("DEFAULT=YES\n");
                    else m3u8.append("URI=\"").append(links.on(index + "/" + qualities.get(i) + "/index.m3u8")).append("\"\n");
                }
                m3u8.append('\n');
            }
            m3u8.append('\n');
        }

        int track = 0;
        for (int i = 0; i < videos.size(); i++) if (videos.get(i) == video) track = i;
        for (int i = qualities.size() - 1; i >= 0; i--) {
            String quality = qualities.get(i);
            if (quality.equals(ORIGINAL) || quality.equals(TRANSCODE)) {
                // a copy without a codec string (MP2, Vorbis, DTS, PCM…) cannot be announced, and a
                // pairing that leaves it out would be picked by hls.js and fail: only the ladder's then
                List<String> audios = new ArrayList<>();
                if (allNamed) audios.add(ORIGINAL);
                if (defAudio != null && !allAac) {
                    long matched = matchAudio(source, sourceAudio);
                    audios.add(matched == 0 ? ORIGINAL : audioLabel(matched));
                }
                for (String aquality : audios.stream().distinct().toList()) {
                    m3u8.append("#EXT-X-STREAM-INF:");
                    if (quality.equals(ORIGINAL)) {
                        long bitrate = video.bitrate();
                        m3u8.append("AVERAGE-BANDWIDTH=").append((long) Math.min(bitrate * 0.8, source.averageBitrate())).append(',')
                                .append("BANDWIDTH=").append(Math.min(bitrate, source.maxBitrate())).append(',')
                                .append("RESOLUTION=").append(video.width()).append('x').append(video.height()).append(',');
                    } else {
                        // encoded at the source quality's rates (KyooParams), whatever the source's own
                        // bitrate, and at its shown size in square pixels, rounded as the pipeline does
                        m3u8.append("AVERAGE-BANDWIDTH=").append(source.averageBitrate()).append(',')
                                .append("BANDWIDTH=").append(source.maxBitrate()).append(',')
                                .append("RESOLUTION=").append(video.shown().evenWidth()).append('x')
                                .append(video.shown().evenHeight()).append(',');
                    }
                    List<String> codecs = new ArrayList<>();
                    if (quality.equals(ORIGINAL)) {
                        if (video.mimeCodec() != null) codecs.add(video.mimeCodec());
                    } else {
                        codecs.add(MasterPlaylist.TRANSCODED.codecString());
                    }
                    if (aquality.equals(ORIGINAL)) {
                        codecs.addAll(copiedCodecs);
                    } else {
                        codecs.add(MasterPlaylist.AUDIO_CODEC);
                    }
                    if (!codecs.isEmpty()) m3u8.append("CODECS=\"").append(String.join(",", codecs)).append("\",");
                    String range = quality.equals(ORIGINAL) ? VideoRanges.original(video) : VideoRanges.transcoded(video);
                    if (range != null) m3u8.append(range).append(',');
                    if (defAudio != null) m3u8.append("AUDIO=\"a-").append(aquality).append("\",");
                    m3u8.append("CLOSED-CAPTIONS=NONE\n").append(links.on(track + "/" + quality + "/index.m3u8")).append('\n');
                }
                continue;
            }
            Quality q = Quality.fromLabel(quality).orElseThrow();
            m3u8.append("#EXT-X-STREAM-INF:")
                    .append("AVERAGE-BANDWIDTH=").append(q.averageBitrate()).append(',')
                    .append("BANDWIDTH=").append(q.maxBitrate()).append(',')
                    .append("RESOLUTION=").append(video.shown().widthAt(q)).append('x').append(q.height()).append(',')
                    .append("CODECS=\"").append(MasterPlaylist.TRANSCODED.codecString()).append(',').append(MasterPlaylist.AUDIO_CODEC).append("\",");
            String range = VideoRanges.transcoded(video);
            if (range != null) m3u8.append(range).append(',');
            if (defAudio != null) m3u8.append("AUDIO=\"a-").append(audioLabel(matchAudio(q, sourceAudio))).append("\",");
            m3u8.append("CLOSED-CAPTIONS=NONE\n").append(links.on(track + "/" + quality + "/index.m3u8")).append('\n');
        }
        return m3u8.toString();
    }

    private static String name(String title, String language, String kind, int index) {
        if (title != null) return title;
        if (language != null) return language;
        return String.format(Locale.ROOT, "%s %d", kind, index);
    }
}
