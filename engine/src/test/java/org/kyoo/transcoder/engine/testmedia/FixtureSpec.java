package org.kyoo.transcoder.engine.testmedia;

import java.util.List;

/**
 * What the muxer was told to write: the truth tests compare probes, keyframe indexes, extracted
 * files and segments against.
 *
 * @param format      libavformat muxer name ("matroska", "mp4", "mpegts", "mp3")
 * @param duration    seconds, as muxed (last packet end minus start)
 * @param startTime   timestamp of the first frame in seconds (non-zero for the offset MPEG-TS)
 * @param video       the first video stream, null for audio-only (a cover picture is not listed here)
 * @param audios      audio streams in file order
 * @param subtitles   subtitle streams in file order
 * @param attachments attachment streams in file order
 * @param chapters    chapters in order
 */
public record FixtureSpec(
        String format,
        double duration,
        double startTime,
        VideoSpec video,
        List<AudioSpec> audios,
        List<SubtitleSpec> subtitles,
        List<AttachmentSpec> attachments,
        List<ChapterSpec> chapters,
        boolean coverPicture) {

    /**
     * @param codec      libavcodec name of the stream's codec ("h264")
     * @param frameTimes presentation time (s) of every frame in order
     * @param keyframes  presentation times (s) of the frames the encoder was told to make IDR
     * @param bFrames    whether the encoder may reorder frames
     */
    public record VideoSpec(String codec, int width, int height, double[] frameTimes, double[] keyframes,
                            boolean bFrames, String language) {}

    /** @param language ISO 639-2 as written ("eng"), null for none */
    public record AudioSpec(String codec, int channels, int sampleRate, String language, String title,
                            boolean isDefault, boolean isForced) {}

    /** @param codec "subrip", "ass" or "webvtt" */
    public record SubtitleSpec(String codec, String language, String title, boolean isDefault,
                               boolean isForced, List<Cue> cues) {}

    /** @param start seconds; @param end seconds; @param text as shown (ASS: the dialogue text field) */
    public record Cue(double start, double end, String text) {}

    /** @param filename as muxed, not necessarily a safe file name */
    public record AttachmentSpec(String filename, String mimetype, byte[] data) {}

    public record ChapterSpec(double start, double end, String title) {}
}
