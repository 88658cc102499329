package org.kyoo.transcoder.server.playlists;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kyoo.transcoder.engine.containers.Fmp4Codecs;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;

/**
 * The audio of upstream Kyoo's master playlist: a group per audio quality ({@code a-original} for
 * the copies, {@code a-128k}… for the AAC ladder) and which of them a variant may pair with. A
 * group lists only what its segments can be made of: a copy the MP4 muxer cannot write (WMA,
 * TrueHD) is left out of {@code a-original}, and the ladder is there for every track.
 */
final class KyooAudioGroups {
    static final String ORIGINAL = KyooMasterPlaylist.ORIGINAL;
    /** A track ending this many seconds before the file ends earlier than its last segment may start. */
    private static final double ENDS_EARLY = 1;

    private final MediaInfo info;
    private final MediaInfo.Audio defaultAudio;
    /** The tracks whose copy is written in fMP4, in file order. */
    private final List<MediaInfo.Audio> copies;
    /** The groups listed, best last: the ladder's rates, then {@code original} when anything is copied. */
    private final List<String> qualities = new ArrayList<>();
    private final long sourceAudio;

    KyooAudioGroups(MediaInfo info, Quality video) {
        this.info = info;
        this.defaultAudio = info.audios().stream().filter(MediaInfo.Audio::isDefault).findFirst()
                .orElse(info.audios().isEmpty() ? null : info.audios().get(0));
        this.copies = info.audios().stream().filter(a -> copied(a, info.duration())).toList();
        this.sourceAudio = defaultAudio == null ? 0 : KyooMasterPlaylist.audioQuality(defaultAudio);
        if (defaultAudio == null) return;
        for (long rate : KyooMasterPlaylist.AUDIO_LADDER) {
            if (rate <= sourceAudio && (video == null || rate <= KyooMasterPlaylist.matchAudio(video, sourceAudio))) {
                qualities.add(KyooMasterPlaylist.audioLabel(rate));
            }
        }
        if (!copies.isEmpty()) qualities.add(ORIGINAL);
    }

    /**
     * Whether a track's copy is offered: the MP4 muxer writes its codec, and it lasts as long as
     * the file (a copy has no packets to fill the segments after a track that stops early; the
     * ladder's AAC is filled with silence there).
     */
    static boolean copied(MediaInfo.Audio audio, double fileDuration) {
        return Fmp4Codecs.carries(audio.codec()) && (audio.duration() <= 0 || audio.duration() >= fileDuration - ENDS_EARLY);
    }

    boolean any() {
        return defaultAudio != null;
    }

    MediaInfo.Audio defaultAudio() {
        return defaultAudio;
    }

    /** The best rate of the ladder listed (an audio-only file's transcoded variant). */
    String topRate() {
        for (int i = qualities.size() - 1; i >= 0; i--) if (!qualities.get(i).equals(ORIGINAL)) return qualities.get(i);
        throw new IllegalStateException("no AAC rate listed");
    }

    /** The ladder's rate a video quality pairs with (upstream's rule), as its group's name. */
    String rateFor(Quality video) {
        long matched = KyooMasterPlaylist.matchAudio(video, sourceAudio);
        return matched == 0 ? ORIGINAL : KyooMasterPlaylist.audioLabel(matched);
    }

    /**
     * The audio groups a variant playing video of {@code video} (null: the copied or same-size
     * video) pairs with: {@code a-original} when every copy listed can be named in CODECS (a
     * pairing naming only some would be picked by a browser that cannot decode the others), and
     * the ladder's rate unless every track is AAC copied already.
     */
    List<String> pairings(Quality video) {
        List<String> out = new ArrayList<>();
        if (defaultAudio == null) return out;
        if (!copies.isEmpty() && copiedCodecs() != null) out.add(ORIGINAL);
        boolean allAacCopied = copies.size() == info.audios().size()
                && info.audios().stream().allMatch(a -> MasterPlaylist.AUDIO_CODEC.equals(a.mimeCodec()));
        if (!allAacCopied) out.add(rateFor(video));
        return out.stream().distinct().toList();
    }

    /**
     * What a variant paired with {@code quality} names for its audio: every codec the copies carry,
     * the default's first (as HLS asks, so a browser without one of them leaves the pairing), or AAC.
     */
    List<String> codecs(String quality) {
        if (!quality.equals(ORIGINAL)) return List.of(MasterPlaylist.AUDIO_CODEC);
        return copiedCodecs();
    }

    /** The copies' codec strings as their fMP4 sample entries say them, null when one has none. */
    private List<String> copiedCodecs() {
        Set<String> codecs = new LinkedHashSet<>();
        if (copies.contains(defaultAudio)) codecs.add(copiedCodec(defaultAudio));
        for (MediaInfo.Audio audio : copies) codecs.add(copiedCodec(audio));
        return codecs.contains(null) ? null : List.copyOf(codecs);
    }

    private static String copiedCodec(MediaInfo.Audio audio) {
        return Fmp4Codecs.audioCodecString(audio.codec(), audio.mimeCodec());
    }

    /** Every group's renditions, best quality first, each track's {@code CHANNELS} as its segments have them. */
    void appendMedia(StringBuilder m3u8, LinkQuery links) {
        if (defaultAudio == null) return;
        MediaInfo.Audio copiedDefault = copies.contains(defaultAudio) ? defaultAudio : copies.isEmpty() ? null : copies.get(0);
        for (MediaInfo.Audio audio : info.audios()) {
            for (int i = qualities.size() - 1; i >= 0; i--) {
                String quality = qualities.get(i);
                boolean original = quality.equals(ORIGINAL);
                if (original && !copies.contains(audio)) continue;
                m3u8.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a-").append(quality).append("\",");
                if (audio.language() != null) m3u8.append("LANGUAGE=\"").append(MasterPlaylist.quoted(audio.language())).append("\",");
                m3u8.append("NAME=\"").append(MasterPlaylist.quoted(KyooMasterPlaylist.name(audio.title(), audio.language(),
                        "Audio", audio.index()))).append("\",");
                if (audio == (original ? copiedDefault : defaultAudio)) m3u8.append("DEFAULT=YES,");
                // the copy keeps the source's channels; the AAC ladder is stereo
                m3u8.append("CHANNELS=\"").append(original ? audio.channels() : 2).append("\",");
                m3u8.append("URI=\"").append(links.on(uri(audio, quality))).append("\"\n");
            }
            m3u8.append('\n');
        }
        m3u8.append('\n');
    }

    /** The media playlist of {@code audio} at {@code quality}. */
    static String uri(MediaInfo.Audio audio, String quality) {
        return "audio/" + audio.index() + "/" + quality + "/index.m3u8";
    }

    /**
     * An audio-only file's variants: without one a player finds nothing to play. The default
     * track, copied when its codec can be named, and at the ladder's best rate unless the copy is
     * AAC already; no group (as the MPEG-TS table has it), the variant is the track's playlist.
     */
    void appendAudioOnlyVariants(StringBuilder m3u8, LinkQuery links) {
        List<String> variants = new ArrayList<>();
        boolean copied = copies.contains(defaultAudio) && copiedCodec(defaultAudio) != null;
        if (copied) variants.add(ORIGINAL);
        if (!copied || !MasterPlaylist.AUDIO_CODEC.equals(defaultAudio.mimeCodec())) variants.add(topRate());
        for (String quality : variants) {
            long rate = quality.equals(ORIGINAL) ? Math.max(defaultAudio.bitrate(), MasterPlaylist.AUDIO_AVERAGE_BANDWIDTH)
                    : Long.parseLong(quality.substring(0, quality.length() - 1)) * 1000;
            String codec = quality.equals(ORIGINAL) ? copiedCodec(defaultAudio) : MasterPlaylist.AUDIO_CODEC;
            m3u8.append("#EXT-X-STREAM-INF:AVERAGE-BANDWIDTH=").append(rate).append(",BANDWIDTH=").append(rate * 5 / 4)
                    .append(",CODECS=\"").append(codec).append("\"\n")
                    .append(links.on(uri(defaultAudio, quality))).append('\n');
        }
    }
}
