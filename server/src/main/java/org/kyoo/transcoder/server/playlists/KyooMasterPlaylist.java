package org.kyoo.transcoder.server.playlists;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.kyoo.transcoder.engine.containers.Fmp4Codecs;
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

    /** The master playlist of a file whose cut points are its own keyframes. */
    public static String render(MediaInfo info, LinkQuery links) {
        return render(info, false, links);
    }

    /**
     * @param fallbackKeyframes whether the file's cuts are the made-up every-2-s ones, where a copy
     *                          of its video would not start on a keyframe: its original is not offered
     */
    public static String render(MediaInfo info, boolean fallbackKeyframes, LinkQuery links) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        List<MediaInfo.Video> videos = info.videos();
        // the variants play the track the file marks default, else the first, as upstream's do
        MediaInfo.Video video = videos.stream().filter(MediaInfo.Video::isDefault).findFirst()
                .orElse(videos.isEmpty() ? info.video() : videos.get(0));
        Quality source = video == null ? null
                : Quality.fromLabel(video.quality()).orElseGet(() -> Quality.fromHeight(video.height()));
        KyooAudioGroups audio = new KyooAudioGroups(info, source);
        if (video == null) {
            // no groups: hls.js would play a group's track beside the variant's own, two audio buffers it cannot mix
            if (audio.any()) audio.appendAudioOnlyVariants(m3u8, links);
            return m3u8.toString();
        }
        audio.appendMedia(m3u8, links);

        List<String> qualities = new ArrayList<>();
        for (Quality q : Quality.ALL) if (q.height() < video.height()) qualities.add(q.label());
        // transcode: the original's size in the transcodes' codec (H.264), needed only when the source is
        // not in its codec and profile (H.264 High) already, or its copy cannot be offered
        boolean original = originalPlayable(video, fallbackKeyframes);
        if (!original || !MasterPlaylist.TRANSCODED.sameProfile(video.mimeCodec())) qualities.add(TRANSCODE);
        if (original) qualities.add(ORIGINAL);

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
                List<String> pairings = audio.pairings(source);
                // a file without audio: one variant, naming the video alone
                for (String aquality : pairings.isEmpty() ? java.util.Collections.<String>singletonList(null) : pairings) {
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
                    codecs.add(quality.equals(ORIGINAL) ? video.mimeCodec() : MasterPlaylist.TRANSCODED.codecString());
                    if (aquality != null) codecs.addAll(audio.codecs(aquality));
                    m3u8.append("CODECS=\"").append(String.join(",", codecs)).append("\",");
                    String range = quality.equals(ORIGINAL) ? VideoRanges.original(video) : VideoRanges.transcoded(video);
                    if (range != null) m3u8.append(range).append(',');
                    if (aquality != null) m3u8.append("AUDIO=\"a-").append(aquality).append("\",");
                    m3u8.append("CLOSED-CAPTIONS=NONE\n").append(links.on(track + "/" + quality + "/index.m3u8")).append('\n');
                }
                continue;
            }
            Quality q = Quality.fromLabel(quality).orElseThrow();
            m3u8.append("#EXT-X-STREAM-INF:")
                    .append("AVERAGE-BANDWIDTH=").append(q.averageBitrate()).append(',')
                    .append("BANDWIDTH=").append(q.maxBitrate()).append(',')
                    .append("RESOLUTION=").append(video.shown().widthAt(q)).append('x').append(q.height()).append(',')
                    .append("CODECS=\"").append(MasterPlaylist.TRANSCODED.codecString());
            // a file without audio has no group: its variants name no audio codec
            if (audio.any()) m3u8.append(',').append(MasterPlaylist.AUDIO_CODEC);
            m3u8.append("\",");
            String range = VideoRanges.transcoded(video);
            if (range != null) m3u8.append(range).append(',');
            if (audio.any()) m3u8.append("AUDIO=\"a-").append(audio.rateFor(q)).append("\",");
            m3u8.append("CLOSED-CAPTIONS=NONE\n").append(links.on(track + "/" + quality + "/index.m3u8")).append('\n');
        }
        return m3u8.toString();
    }

    /**
     * Whether the copied video is offered: a browser can be told what it is (an RFC 6381 string: an
     * original without one, Theora, VP8…, would be picked over the transcodes and fail), the MP4
     * muxer writes it, and the cuts are real keyframes.
     */
    static boolean originalPlayable(MediaInfo.Video video, boolean fallbackKeyframes) {
        return video.mimeCodec() != null && Fmp4Codecs.carries(video.codec()) && !fallbackKeyframes;
    }

    static String name(String title, String language, String kind, int index) {
        if (title != null) return title;
        if (language != null) return language;
        return String.format(Locale.ROOT, "%s %d", kind, index);
    }
}
