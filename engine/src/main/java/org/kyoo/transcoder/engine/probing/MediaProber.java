package org.kyoo.transcoder.engine.probing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_DEFAULT;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_FORCED;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_HEARING_IMPAIRED;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_sample_aspect_ratio;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_ATTACHMENT;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_SUBTITLE;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVChapter;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.keyframes.ContainerKeyframes;
import org.kyoo.transcoder.engine.media.CodecStrings;
import org.kyoo.transcoder.engine.media.DisplayRotation;
import org.kyoo.transcoder.engine.media.DisplaySize;
import org.kyoo.transcoder.engine.media.Languages;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInput;
import org.kyoo.transcoder.engine.media.MimeTypes;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.media.SidecarSubtitles;

/**
 * Reads a file's media info in-process with one open of the file (SPEC "Media info"): facts only,
 * no links (the server writes them).
 *
 * <p>Matroska and MP4 headers say everything the info needs, so those are read without
 * {@code avformat_find_stream_info} (which decodes a frame of every stream); other formats, or
 * headers that leave a stream's parameters unknown, get it.
 */
public final class MediaProber {
    /**
     * What one open of a file tells: its media info, and its keyframes when the container holds a
     * trustworthy index (Matroska Cues, MP4 sample tables), read while the file is open anyway, as a
     * second open of a long MP4 costs as much again as the first (its sample tables are parsed).
     *
     * @param keyframes presentation times (s) of the first video's keyframes, null to be scanned
     */
    public record Probe(MediaInfo info, double[] keyframes) {}

    /** Throws {@link MediaException} when the file is missing, unreadable, not media or has no audio/video. */
    public MediaInfo probe(Path path, String sha) {
        long size = fileSize(path);
        try (MediaInput input = MediaInput.open(path)) {
            if (!headersAreComplete(input)) input.findStreamInfo();
            return describe(input, path, sha, size);
        }
    }

    /** {@link #probe}, plus the container's keyframe index when it has one worth using. */
    public Probe probeWithKeyframes(Path path, String sha) {
        long size = fileSize(path);
        try (MediaInput input = MediaInput.open(path)) {
            if (!headersAreComplete(input)) input.findStreamInfo();
            MediaInfo info = describe(input, path, sha, size);
            return new Probe(info, indexedKeyframes(input, info));
        }
    }

    private static double[] indexedKeyframes(MediaInput input, MediaInfo info) {
        int video = input.firstVideoStream();
        if (video < 0 || !ContainerKeyframes.supports(input)) return null;
        try {
            return ContainerKeyframes.read(input, video, info.duration());
        } catch (RuntimeException e) {
            // The keyframe store will scan instead; the info itself is sound.
            return null;
        }
    }

    private static long fileSize(Path path) {
        try {
            return Files.size(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "File does not exist: " + path);
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when the container's headers alone give every stream's parameters and the duration. */
    static boolean headersAreComplete(MediaInput input) {
        String format = input.formatName();
        boolean indexedContainer = format.startsWith("matroska") || format.startsWith("mov,");
        if (!indexedContainer) return false;
        // MP4 leaves the container duration to find_stream_info, but its tracks carry their own.
        if (input.duration() <= 0) return false;
        for (int i = 0; i < input.streamCount(); i++) {
            AVCodecParameters par = input.stream(i).codecpar();
            int type = par.codec_type();
            if (type == AVMEDIA_TYPE_VIDEO || type == AVMEDIA_TYPE_AUDIO) {
                if (par.codec_id() == AV_CODEC_ID_NONE) return false;
            }
            if (type == AVMEDIA_TYPE_VIDEO && (par.width() <= 0 || par.height() <= 0)) return false;
            if (type == AVMEDIA_TYPE_VIDEO && HdrInfo.mayHideHdr(par)) return false;
            if (type == AVMEDIA_TYPE_AUDIO && (par.sample_rate() <= 0 || par.ch_layout().nb_channels() <= 0)) return false;
        }
        return true;
    }

    private MediaInfo describe(MediaInput input, Path path, String sha, long size) {
        AVFormatContext ctx = input.context();
        double duration = input.duration();
        long containerBitrate = ctx.bit_rate() > 0 ? ctx.bit_rate()
                : duration > 0 ? (long) (size * 8.0 / duration) : 0;

        List<MediaInfo.Video> videos = new ArrayList<>();
        List<MediaInfo.Audio> audios = new ArrayList<>();
        List<MediaInfo.Subtitle> subtitles = new ArrayList<>();
        List<String> fonts = new ArrayList<>();
        for (int i = 0; i < input.streamCount(); i++) {
            AVStream stream = input.stream(i);
            AVCodecParameters par = stream.codecpar();
            String codec = avcodec_get_name(par.codec_id()).getString();
            String title = title(stream.metadata());
            String language = Languages.toBcp47(tag(stream.metadata(), "language"));
            boolean isDefault = (stream.disposition() & AV_DISPOSITION_DEFAULT) != 0;
            boolean isForced = (stream.disposition() & AV_DISPOSITION_FORCED) != 0;
            switch (par.codec_type()) {
                case AVMEDIA_TYPE_VIDEO -> {
                    // A cover picture is one still frame, not a video a player could stream.
                    if ((stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) continue;
                    long bitrate = par.bit_rate() > 0 ? par.bit_rate() : containerBitrate;
                    // as displayed: a phone's portrait clip is stored landscape with a 90° display matrix
                    boolean turned = DisplayRotation.swapsSides(par);
                    int width = turned ? par.height() : par.width();
                    int height = turned ? par.width() : par.height();
                    SourceColours colours = SourceColours.of(par);
                    videos.add(new MediaInfo.Video(codec, HdrInfo.codecString(colours, CodecStrings.of(codecParameters(codec, par))),
                            language, Quality.fromHeight(height).label(), width, height, bitrate, videos.size(), title, isDefault,
                            // the container's aspect first, then the codec's, as the pipeline reads it
                            DisplaySize.of(par.width(), par.height(), av_guess_sample_aspect_ratio(null, stream, null),
                                    DisplayRotation.clockwise(par)),
                            colours.format(), colours.transfer().name(), HdrInfo.dolbyVision(colours), HdrInfo.maxLuminance(colours)));
                }
                case AVMEDIA_TYPE_AUDIO -> audios.add(new MediaInfo.Audio(audios.size(), title, language, codec,
                        CodecStrings.of(codecParameters(codec, par)), par.ch_layout().nb_channels(), isDefault, isForced,
                        Math.max(par.bit_rate(), 0), trackDuration(stream)));
                case AVMEDIA_TYPE_SUBTITLE -> {
                    int index = subtitles.size();
                    String extension = subtitleExtension(codec);
                    boolean isHearingImpaired = (stream.disposition() & AV_DISPOSITION_HEARING_IMPAIRED) != 0;
                    subtitles.add(new MediaInfo.Subtitle(index, title, language, codec, extension, isDefault, isForced, null,
                            isHearingImpaired, false));
                }
                case AVMEDIA_TYPE_ATTACHMENT -> {
                    String filename = tag(stream.metadata(), "filename");
                    if (filename != null) fonts.add(filename);
                }
                default -> { }
            }
        }
        subtitles.addAll(SidecarSubtitles.asSubtitles(path, subtitles.size()));
        if (videos.isEmpty() && audios.isEmpty()) {
            throw new MediaException(MediaException.Kind.NO_STREAMS, "No audio or video stream in " + path);
        }

        List<String> codecs = new ArrayList<>();
        if (!videos.isEmpty() && videos.get(0).mimeCodec() != null) codecs.add(videos.get(0).mimeCodec());
        if (!audios.isEmpty() && audios.get(0).mimeCodec() != null) codecs.add(audios.get(0).mimeCodec());
        String extension = extension(path);
        return new MediaInfo(sha, path.toString(), extension, MimeTypes.withCodecs(extension, codecs), size, duration,
                input.formatName(), videos.isEmpty() ? null : videos.get(0), List.copyOf(videos), List.copyOf(audios),
                List.copyOf(subtitles), List.copyOf(fonts), chapters(ctx));
    }

    private static List<MediaInfo.Chapter> chapters(AVFormatContext ctx) {
        List<MediaInfo.Chapter> chapters = new ArrayList<>();
        for (int i = 0; i < ctx.nb_chapters(); i++) {
            AVChapter chapter = ctx.chapters(i);
            double timeBase = av_q2d(chapter.time_base());
            String name = tag(chapter.metadata(), "title");
            chapters.add(new MediaInfo.Chapter(chapter.start() * timeBase, chapter.end() * timeBase,
                    name == null ? "" : name));
        }
        return List.copyOf(chapters);
    }

    static CodecStrings.CodecParameters codecParameters(String codec, AVCodecParameters par) {
        byte[] extradata = new byte[Math.max(par.extradata_size(), 0)];
        if (extradata.length > 0 && par.extradata() != null) par.extradata().get(extradata);
        return new CodecStrings.CodecParameters(codec, par.profile(), par.level(), extradata, par.bits_per_raw_sample());
    }

    /** SPEC's table: the subtitle formats extracted as they are; pictures too (PGS as .sup, VobSub in Matroska). */
    static String subtitleExtension(String codec) {
        return switch (codec) {
            case "subrip" -> "srt";
            case "ass" -> "ass";
            case "webvtt" -> "vtt";
            case "hdmv_pgs_subtitle" -> "sup";
            case "dvd_subtitle" -> "mks";
            default -> null;
        };
    }

    static String extension(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /** The stream's title; MP4 keeps a track's title in its {@code udta/name} box, which libav calls "name". */
    /**
     * A track's own length in seconds: the stream's duration (MP4's track header), else Matroska's
     * {@code DURATION} tag ({@code 00:01:02.500000000}); 0 when neither says.
     */
    static double trackDuration(AVStream stream) {
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) return stream.duration() * av_q2d(stream.time_base());
        String tag = tag(stream.metadata(), "DURATION");
        if (tag == null) return 0;
        String[] parts = tag.split(":");
        try {
            return parts.length == 3
                    ? Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + Double.parseDouble(parts[2]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String title(AVDictionary metadata) {
        String title = tag(metadata, "title");
        return title != null ? title : tag(metadata, "name");
    }

    /** A metadata value (case-insensitive key), null when absent or empty. */
    static String tag(AVDictionary dict, String key) {
        if (dict == null || dict.isNull()) return null;
        AVDictionaryEntry entry = av_dict_get(dict, key, null, 0);
        if (entry == null || entry.isNull() || entry.value() == null) return null;
        String value = entry.value().getString(StandardCharsets.UTF_8);
        return value.isEmpty() ? null : value;
    }
}
