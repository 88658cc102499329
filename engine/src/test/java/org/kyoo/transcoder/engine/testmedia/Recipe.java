package org.kyoo.transcoder.engine.testmedia;

import java.util.List;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.AttachmentSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.ChapterSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.SubtitleSpec;

/**
 * How to make one fixture.
 *
 * @param format      libavformat muxer name
 * @param startOffset seconds added to every timestamp (a stream that does not start at zero)
 * @param video       null for no video
 * @param audios      audio tracks
 * @param cover       whether to add an attached picture (a one-frame PNG stream)
 */
record Recipe(
        String format,
        double startOffset,
        double duration,
        VideoRecipe video,
        List<AudioRecipe> audios,
        List<SubtitleSpec> subtitles,
        List<AttachmentSpec> attachments,
        List<ChapterSpec> chapters,
        boolean cover,
        boolean twoPrograms) {

    /** One program (the containers that have programs: MPEG-TS). */
    Recipe(String format, double startOffset, double duration, VideoRecipe video, List<AudioRecipe> audios,
           List<SubtitleSpec> subtitles, List<AttachmentSpec> attachments, List<ChapterSpec> chapters, boolean cover) {
        this(format, startOffset, duration, video, audios, subtitles, attachments, chapters, cover, false);
    }

    /** Video and audio only, no subtitles, attachments, chapters or cover. */
    Recipe(String format, double duration, VideoRecipe video, AudioRecipe... audios) {
        this(format, 0, duration, video, List.of(audios), List.of(), List.of(), List.of(), false, false);
    }

    /**
     * @param frameDurationsMs frame durations cycled over the file (one value: constant frame rate)
     * @param keyframeIndexes  frames forced to IDR (frame 0 always is); empty: one every {@code gopFrames}
     * @param gopFrames        regular GOP length when {@code keyframeIndexes} is empty
     * @param bFrames          let the encoder reorder frames
     * @param preset           libx264 preset
     * @param picture          the encoder and how its pictures look
     */
    record VideoRecipe(int width, int height, int[] frameDurationsMs, int[] keyframeIndexes, int gopFrames,
                       boolean bFrames, String preset, String language, Picture picture) {
        /** H.264 4:2:0, progressive, square pixels, upright. */
        VideoRecipe(int width, int height, int[] frameDurationsMs, int[] keyframeIndexes, int gopFrames,
                    boolean bFrames, String preset, String language) {
            this(width, height, frameDurationsMs, keyframeIndexes, gopFrames, bFrames, preset, language, Picture.H264);
        }

        /** Constant frame rate, a keyframe every {@code gopFrames}, no B-frames. */
        VideoRecipe(int width, int height, int fps, int gopFrames, Picture picture) {
            this(width, height, new int[] {1000 / fps}, new int[0], gopFrames, false, "veryfast", null, picture);
        }
    }

    /**
     * @param encoder     libavcodec encoder name ("libx264", "mpeg2video", "dvvideo")
     * @param codec       the codec's name as a prober reports it ("h264", "mpeg2video", "dvvideo")
     * @param pixelFormat the encoder's input pixel format ("yuv420p", "yuv422p10le")
     * @param interlaced  top-field-first interlaced pictures
     * @param rotation    degrees of the display matrix (counter-clockwise, as libavutil counts), 0: none
     * @param sar         sample aspect ratio {num, den}; {1, 1}: square pixels
     * @param options     encoder private options
     */
    record Picture(String encoder, String codec, String pixelFormat, boolean interlaced, double rotation, int[] sar,
                   java.util.Map<String, String> options) {
        static final Picture H264 = of("libx264", "h264", "yuv420p");

        static Picture of(String encoder, String codec, String pixelFormat) {
            return new Picture(encoder, codec, pixelFormat, false, 0, new int[] {1, 1}, java.util.Map.of());
        }

        Picture with(String option, String value) {
            var all = new java.util.LinkedHashMap<>(options);
            all.put(option, value);
            return new Picture(encoder, codec, pixelFormat, interlaced, rotation, sar, all);
        }

        Picture interlace() {
            return new Picture(encoder, codec, pixelFormat, true, rotation, sar, options);
        }

        Picture rotate(double degrees) {
            return new Picture(encoder, codec, pixelFormat, interlaced, degrees, sar, options);
        }

        Picture pixelAspect(int num, int den) {
            return new Picture(encoder, codec, pixelFormat, interlaced, rotation, new int[] {num, den}, options);
        }
    }

    /**
     * @param encoder  libavcodec encoder name ("aac", "ac3", "libmp3lame", "flac", "dca"…)
     * @param duration seconds of audio; 0: the file's duration
     */
    record AudioRecipe(String encoder, int channels, int sampleRate, String language, String title,
                       boolean isDefault, boolean isForced, double toneHz, double duration) {
        /** Audio as long as the file. */
        AudioRecipe(String encoder, int channels, int sampleRate, String language, String title,
                    boolean isDefault, boolean isForced, double toneHz) {
            this(encoder, channels, sampleRate, language, title, isDefault, isForced, toneHz, 0);
        }

        /** A tone of 440 Hz, no language nor title, as long as the file. */
        AudioRecipe(String encoder, int channels, int sampleRate) {
            this(encoder, channels, sampleRate, null, null, false, false, 440, 0);
        }
    }
}
