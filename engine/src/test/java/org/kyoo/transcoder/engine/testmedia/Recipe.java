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
        boolean cover) {

    /**
     * @param frameDurationsMs frame durations cycled over the file (one value: constant frame rate)
     * @param keyframeIndexes  frames forced to IDR (frame 0 always is); empty: one every {@code gopFrames}
     * @param gopFrames        regular GOP length when {@code keyframeIndexes} is empty
     * @param bFrames          let the encoder reorder frames
     * @param preset           libx264 preset
     */
    record VideoRecipe(int width, int height, int[] frameDurationsMs, int[] keyframeIndexes, int gopFrames,
                       boolean bFrames, String preset, String language) {}

    /**
     * @param encoder  libavcodec encoder name ("aac", "ac3", "libmp3lame")
     * @param duration seconds of audio; 0: the file's duration
     */
    record AudioRecipe(String encoder, int channels, int sampleRate, String language, String title,
                       boolean isDefault, boolean isForced, double toneHz, double duration) {
        /** Audio as long as the file. */
        AudioRecipe(String encoder, int channels, int sampleRate, String language, String title,
                    boolean isDefault, boolean isForced, double toneHz) {
            this(encoder, channels, sampleRate, language, title, isDefault, isForced, toneHz, 0);
        }
    }
}
