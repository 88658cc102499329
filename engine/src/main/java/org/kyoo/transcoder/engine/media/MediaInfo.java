package org.kyoo.transcoder.engine.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A file version's media info: what {@code info.json} keeps and, once the server has written its
 * links in, what {@code /:path/info} answers. Field names are the JSON contract (SPEC "Media info").
 * The engine builds no URL: it leaves every subtitle's {@code link} null and lists in
 * {@code fonts} the attachments' file names; the server turns both into its routes' links.
 *
 * @param duration seconds
 * @param fonts    the attachments' {@code filename} tags as the engine reads them; links in the answer
 */
public record MediaInfo(
        String sha,
        String path,
        String extension,
        String mimeCodec,
        long size,
        double duration,
        String container,
        Video video,
        List<Video> videos,
        List<Audio> audios,
        List<Subtitle> subtitles,
        List<String> fonts,
        List<Chapter> chapters) {

    /** The same info with other chapters (the file's own merged with those found by fingerprints). */
    public MediaInfo withChapters(List<Chapter> newChapters) {
        return new MediaInfo(sha, path, extension, mimeCodec, size, duration, container, video, videos, audios,
                subtitles, fonts, newChapters);
    }

    /**
     * @param bitrate   the stream's bit rate, else the container's (bits/s)
     * @param index     position among the file's video tracks (cover pictures left out): the
     *                  {@code :video} of upstream Kyoo's routes
     * @param title     the track's title, null when it has none
     * @param isDefault the container marks it as the video to play
     * @param shown     the size a player shows, in square pixels: what a transcode keeps
     *                  ({@code width}×{@code height} are the coded size, turned)
     * @param hdr          {@code HDR10}, {@code HLG} or {@code DolbyVision}; null for SDR (transcodes are tone-mapped to SDR)
     * @param videoRange   how the original codes light, as HLS's {@code VIDEO-RANGE} says it: {@code SDR},
     *                     {@code PQ} or {@code HLG} (null only in an info.json older than HDR detection)
     * @param dolbyVision  the stream's Dolby Vision configuration, null when it has none
     * @param maxLuminance the brightest light the stream says it holds (MaxCLL, else its mastering
     *                     display's peak), cd/m²; null when it does not say
     */
    public record Video(
            String codec, String mimeCodec, String language, String quality,
            int width, int height, long bitrate, int index, String title, boolean isDefault, DisplaySize shown,
            String hdr, String videoRange, DolbyVision dolbyVision, Integer maxLuminance) {
        /** An SDR track. */
        public Video(String codec, String mimeCodec, String language, String quality,
                     int width, int height, long bitrate, int index, String title, boolean isDefault, DisplaySize shown) {
            this(codec, mimeCodec, language, quality, width, height, bitrate, index, title, isDefault, shown,
                    null, SDR, null, null);
        }

        /** A track of square pixels. */
        public Video(String codec, String mimeCodec, String language, String quality,
                     int width, int height, long bitrate, int index, String title, boolean isDefault) {
            this(codec, mimeCodec, language, quality, width, height, bitrate, index, title, isDefault,
                    DisplaySize.square(width, height));
        }

        /** The first (or only) video track, untitled and not marked default. */
        public Video(String codec, String mimeCodec, String language, String quality, int width, int height, long bitrate) {
            this(codec, mimeCodec, language, quality, width, height, bitrate, 0, null, false);
        }
    }

    /** {@link Video#videoRange()} of a picture in standard dynamic range. */
    public static final String SDR = "SDR";

    /**
     * A Dolby Vision configuration record, as /info reports it.
     *
     * @param compatibility what players without Dolby Vision decode: {@code HDR10}, {@code SDR},
     *                      {@code HLG}, or {@code none} (profile 5: transcodes' colours are shifted)
     */
    public record DolbyVision(int profile, int level, String compatibility) {}

    /**
     * @param index    position among the file's audio streams
     * @param bitrate  the stream's bit rate (bits/s), 0 when the container does not say
     * @param duration how long the track lasts (seconds), 0 when the container does not say: a
     *                 recording whose sound stopped early has no packets to copy past its end
     */
    public record Audio(
            int index, String title, String language, String codec, String mimeCodec,
            int channels, boolean isDefault, boolean isForced, long bitrate, double duration) {
        /** An audio track whose length the container does not give apart. */
        public Audio(int index, String title, String language, String codec, String mimeCodec,
                     int channels, boolean isDefault, boolean isForced, long bitrate) {
            this(index, title, language, codec, mimeCodec, channels, isDefault, isForced, bitrate, 0);
        }

        /** An audio track whose bit rate is unknown. */
        public Audio(int index, String title, String language, String codec, String mimeCodec,
                     int channels, boolean isDefault, boolean isForced) {
            this(index, title, language, codec, mimeCodec, channels, isDefault, isForced, 0);
        }
    }

    /**
     * @param index             position among the file's subtitle streams, then its sidecar files
     * @param extension         the format it is extracted as ({@code srt}, {@code ass}, {@code vtt},
     *                          {@code sup}, {@code mks}), null when it cannot be
     * @param link              null from the engine; in the answer, where the server serves it (null without extension)
     * @param isHearingImpaired SDH: sounds and speakers described, for the deaf and hard of hearing
     * @param isExternal        a sidecar file beside the video rather than a stream inside it
     */
    public record Subtitle(
            int index, String title, String language, String codec, String extension,
            boolean isDefault, boolean isForced, String link, boolean isHearingImpaired, boolean isExternal) {
        /** A subtitle stream inside the file, not marked for the hearing impaired. */
        public Subtitle(int index, String title, String language, String codec, String extension,
                        boolean isDefault, boolean isForced, String link) {
            this(index, title, language, codec, extension, isDefault, isForced, link, false, false);
        }

        /** The same track behind another link (the request's query added to it). */
        public Subtitle withLink(String newLink) {
            return new Subtitle(index, title, language, codec, extension, isDefault, isForced, newLink,
                    isHearingImpaired, isExternal);
        }
    }

    /**
     * @param startTime       seconds
     * @param endTime         seconds
     * @param type            {@code recap}, {@code intro}, {@code credits}, {@code preview} or {@code content}
     *                        ({@link ChapterTypes})
     * @param matchAccuracy   0 to 100 for a chapter found in the audio of neighbouring episodes
     *                        (how alike the two were), absent from the JSON otherwise, as upstream
     * @param firstAppearance true for an intro heard in the next episode but not the previous one
     *                        (the first time the series plays it); absent unless set, as upstream
     */
    public record Chapter(double startTime, double endTime, String name, String type,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Integer matchAccuracy,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean firstAppearance) {
        /** A chapter typed from its name. */
        public Chapter(double startTime, double endTime, String name) {
            this(startTime, endTime, name, ChapterTypes.of(name));
        }

        /** A chapter of the file's own (not found by fingerprints). */
        public Chapter(double startTime, double endTime, String name, String type) {
            this(startTime, endTime, name, type, null, null);
        }
    }
}
