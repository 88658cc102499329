package org.kyoo.transcoder.engine.testmedia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.AttachmentSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.AudioSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.ChapterSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.Cue;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.SubtitleSpec;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec.VideoSpec;
import org.kyoo.transcoder.engine.testmedia.Recipe.AudioRecipe;
import org.kyoo.transcoder.engine.testmedia.Recipe.VideoRecipe;

/**
 * The test media every module shares, generated in-process with libav on first use and kept under
 * {@code target/test-media} (system property {@code test.media.dir}) for the rest of the build.
 *
 * <p>Every video frame carries its own presentation time painted in the picture (see
 * {@link Stamp}), so a decoded frame or thumbnail tile says which source frame it came from.
 * Each fixture's {@link FixtureSpec} is computed from its recipe, not read back from the file: it
 * is what the muxer was told, the truth to compare against.
 */
public final class TestMedia {
    /** The ASS script header every test subtitle in ASS starts with. */
    public static final String ASS_HEADER = """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: 320
            PlayResY: 180

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Default,Test Font,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            """;

    private static final int[] FPS24 = {42, 41, 42};
    private static final ConcurrentHashMap<String, Fixture> MADE = new ConcurrentHashMap<>();

    private TestMedia() {}

    /** Where fixtures are kept. */
    public static Path dir() {
        String configured = System.getProperty("test.media.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("target", "test-media");
        try {
            return Files.createDirectories(dir.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Matroska: H.264 High 320x180 ~24 fps with B-frames and irregular GOPs (one of 11 frames), 30 s;
     * AAC stereo "eng" (default, titled "English") and AC-3 5.1 "fre"; SRT "eng" and ASS "fre"
     * (forced); a font attachment; 3 chapters. */
    public static Fixture multiTrackMkv() {
        return make("multitrack.mkv", new Recipe("matroska", 0, 30,
                new VideoRecipe(320, 180, FPS24, new int[] {0, 50, 86, 140, 200, 211, 290, 333, 400, 460, 530, 600, 650, 700},
                        0, true, "veryfast", "eng"),
                List.of(new AudioRecipe("aac", 2, 48000, "eng", "English", true, false, 440),
                        new AudioRecipe("ac3", 6, 48000, "fre", null, false, false, 330)),
                List.of(new SubtitleSpec("subrip", "eng", "English", false, false, List.of(
                                new Cue(1.0, 2.5, "Hello there"),
                                new Cue(3.0, 4.2, "A second line\nover two rows"),
                                new Cue(10.5, 12.0, "Third cue"))),
                        new SubtitleSpec("ass", "fre", "Français", false, true, List.of(
                                new Cue(2.0, 3.5, "Bonjour"),
                                new Cue(5.0, 6.25, "{\\i1}Salut{\\i0} tout le monde")))),
                List.of(new AttachmentSpec("Test Font.ttf", "application/x-truetype-font", fontBytes())),
                List.of(new ChapterSpec(0, 10, "Opening"), new ChapterSpec(10, 25, "Story"), new ChapterSpec(25, 30, "Credits")),
                false));
    }

    /** MP4: H.264 with B-frames and irregular GOPs, AAC stereo 44.1 kHz "jpn" (default), 20 s. */
    public static Fixture mp4() {
        return make("bframes.mp4", new Recipe("mp4", 0, 20,
                new VideoRecipe(320, 180, FPS24, new int[] {0, 48, 100, 130, 200, 288, 400}, 0, true, "veryfast", null),
                List.of(new AudioRecipe("aac", 2, 44100, "jpn", null, true, false, 500)),
                List.of(), List.of(), List.of(), false));
    }

    /** Matroska: HEVC 320x180 at 25 fps with open GOPs, x265's default (a CRA keyframe every 2 s
     * whose leading B-pictures are decoded after it but shown before it), AAC stereo, 12 s. x265
     * places the keyframes itself (a forced one is closed): the spec lists only the first. */
    public static Fixture openGopHevcMkv() {
        Recipe.Picture hevc = Recipe.Picture.of("libx265", "hevc", "yuv420p").with("x265-params",
                "log-level=error:pools=1:frame-threads=1:open-gop=1:keyint=50:min-keyint=50:bframes=3:b-adapt=0:scenecut=0");
        return make("open-gop-hevc.mkv", new Recipe("matroska", 12,
                new VideoRecipe(320, 180, new int[] {40}, new int[] {0}, 0, true, "veryfast", null, hevc),
                new AudioRecipe("aac", 2, 48000)));
    }

    /** Matroska: HEVC Main 10 320x180 at 25 fps with x265's open GOPs (a CRA keyframe every 4 s,
     * followed in decode order by three B-pictures shown before it) and AC-3 5.1, 120 s: the kind of
     * file upstream Kyoo's own validation suite failed 4 of 14 checks on (a copy's tfdt stepping
     * 3.88 s where its playlist said 4, a hole of three frames switching from the copy to a transcode). */
    public static Fixture openGopHevc10bitLong() {
        Recipe.Picture hevc = Recipe.Picture.of("libx265", "hevc", "yuv420p10le").with("x265-params",
                "log-level=error:pools=1:frame-threads=1:open-gop=1:keyint=100:min-keyint=100:bframes=3:b-adapt=0:scenecut=0");
        return make("open-gop-hevc10-ac3.mkv", new Recipe("matroska", 120,
                new VideoRecipe(320, 180, new int[] {40}, new int[] {0}, 0, true, "ultrafast", null, hevc),
                new AudioRecipe("ac3", 6, 48000)));
    }

    /** Matroska: HEVC Main 10 1280x720 at 25 fps, x265's open GOPs every 4 s, AAC stereo, {@code seconds}
     * long: the browser benchmark's 10-bit source (what Chromium cannot decode: every level is a transcode). */
    public static Fixture hevc10bit720p(int seconds) {
        Recipe.Picture hevc = Recipe.Picture.of("libx265", "hevc", "yuv420p10le").with("x265-params",
                "log-level=error:open-gop=1:keyint=100:min-keyint=100:bframes=3:b-adapt=0:scenecut=0");
        return make("hevc10-720p-" + seconds + "s.mkv", new Recipe("matroska", seconds,
                new VideoRecipe(1280, 720, new int[] {40}, new int[] {0}, 0, true, "ultrafast", null, hevc),
                new AudioRecipe("aac", 2, 48000)));
    }

    /** MP4: H.264 without B-frames, 2 s GOPs at 25 fps, AAC stereo, 12 s. */
    public static Fixture mp4WithoutBFrames() {
        return make("nobframes.mp4", new Recipe("mp4", 0, 12,
                new VideoRecipe(320, 180, new int[] {40}, new int[0], 50, false, "veryfast", null),
                List.of(new AudioRecipe("aac", 2, 48000, "eng", null, true, false, 500)),
                List.of(), List.of(), List.of(), false));
    }

    /** MPEG-TS: H.264 (B-frames, 2 s GOPs at 25 fps) + AAC whose timestamps start at 10 s, 20 s long. */
    public static Fixture mpegTsOffset() {
        return make("offset.ts", new Recipe("mpegts", 10, 20,
                new VideoRecipe(320, 180, new int[] {40}, new int[0], 50, true, "veryfast", null),
                List.of(new AudioRecipe("aac", 2, 48000, "eng", null, false, false, 600)),
                List.of(), List.of(), List.of(), false));
    }

    /** Matroska: H.264 without B-frames whose frame durations vary (33, 50, 42, 25, 60 ms), AAC, 20 s. */
    public static Fixture variableFrameRate() {
        return make("vfr.mkv", new Recipe("matroska", 0, 20,
                new VideoRecipe(320, 180, new int[] {33, 50, 42, 25, 60}, new int[0], 48, false, "veryfast", null),
                List.of(new AudioRecipe("aac", 2, 48000, null, null, true, false, 700)),
                List.of(), List.of(), List.of(), false));
    }

    /** M4A: AAC stereo only, 13 s (keyframes fall back to one every 2 s). */
    public static Fixture audioOnly() {
        return make("audio.m4a", new Recipe("mp4", 0, 13, null,
                List.of(new AudioRecipe("aac", 2, 44100, "eng", "Narration", true, false, 440)),
                List.of(), List.of(), List.of(), false));
    }

    /** MP3 with an attached cover picture (a one-frame PNG video stream), 9 s. */
    public static Fixture coverPicture() {
        return make("cover.mp3", new Recipe("mp3", 0, 9, null,
                List.of(new AudioRecipe("libmp3lame", 2, 44100, null, null, false, false, 440)),
                List.of(), List.of(), List.of(), true));
    }

    /** Matroska 160x90 at 25 fps with a keyframe every second, AAC, 130 s: 130 segments, for the
     * 100-segment head limit and deep seeks. */
    public static Fixture manySegments() {
        return make("many.mkv", new Recipe("matroska", 0, 130,
                new VideoRecipe(160, 90, new int[] {40}, new int[0], 25, true, "veryfast", null),
                List.of(new AudioRecipe("aac", 2, 48000, "eng", null, true, false, 440)),
                List.of(), List.of(), List.of(), false));
    }

    /** Matroska 160x90 at 25 fps with a keyframe every second, 100 s, whose AAC stereo track ends at
     * 5 s (a recording whose audio stopped early): heads and seeks past the audio's end. */
    public static Fixture audioEndingEarly() {
        return make("audio-ends-at-5s.mkv", new Recipe("matroska", 0, 100,
                new VideoRecipe(160, 90, new int[] {40}, new int[0], 25, false, "veryfast", null),
                List.of(new AudioRecipe("aac", 2, 48000, "eng", null, true, false, 440, 5)),
                List.of(), List.of(), List.of(), false));
    }

    /** Matroska: H.264 320x180 without B-frames, 2 s GOPs at 25 fps, no audio, 5.5 s: shorter than one
     * thumbnail interval. 5.5 s: the muxed duration ends with the last frame's start (5.48 s), and
     * whole seconds of it (5) must stay clear of the rounding. */
    public static Fixture shortClip() {
        return make("short-5.5s.mkv", new Recipe("matroska", 0, 5.5,
                new VideoRecipe(320, 180, new int[] {40}, new int[0], 50, false, "veryfast", null),
                List.of(), List.of(), List.of(), List.of(), false));
    }

    /** Matroska holding only a WebVTT subtitle track of two cues (one over two lines), 3.5 s. */
    public static Fixture webVttMkv() {
        return make("webvtt.mkv", new Recipe("matroska", 0, 3.5, null, List.of(),
                List.of(new SubtitleSpec("webvtt", null, null, false, false, List.of(
                        new Cue(0.5, 1.75, "First"),
                        new Cue(2.0, 3.5, "Second\non two lines")))),
                List.of(), List.of(), false));
    }

    /** Matroska: one SRT track and a font attachment whose file name climbs out of its folder
     * ({@code ../../escaped.ttf}), 2 s. */
    public static Fixture hostileAttachmentMkv() {
        return make("hostile-attachment.mkv", new Recipe("matroska", 0, 2, null, List.of(),
                List.of(new SubtitleSpec("subrip", "eng", null, false, false, List.of(new Cue(0.5, 2.0, "Hello")))),
                List.of(new AttachmentSpec("../../escaped.ttf", "application/x-truetype-font", fontBytes())),
                List.of(), false));
    }

    /** Matroska 1920x1080 24 fps H.264 (6 Mb/s, no B-frames) with a keyframe every {@code gopSeconds},
     * AAC stereo, {@code seconds} long: for benchmarks. Past one minute, the first minute is encoded
     * and its packets repeated with shifted timestamps (so the painted stamps repeat too, and the
     * spec's keyframes are the repeated ones). Slow to make the first time (a 1080p encode). */
    public static Fixture long1080p(int seconds, int gopSeconds) {
        int base = 60 - 60 % gopSeconds;
        if (seconds > base) {
            Fixture first = long1080p(base, gopSeconds);
            int copies = (seconds + base - 1) / base;
            String name = "long-" + copies * base + "s-gop" + gopSeconds + ".mkv";
            Path file = dir().resolve(name);
            if (!Files.exists(file)) {
                Path tmp = dir().resolve("." + name + ".part-" + ProcessHandle.current().pid());
                Remuxer.repeat(first.path(), tmp, "matroska", copies, base);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            FixtureSpec s = first.spec();
            int perCopy = s.video().keyframes().length;
            double[] keys = new double[perCopy * copies];
            for (int c = 0; c < copies; c++) for (int k = 0; k < perCopy; k++) keys[c * perCopy + k] = s.video().keyframes()[k] + c * base;
            int framesPerCopy = s.video().frameTimes().length;
            double[] frames = new double[framesPerCopy * copies];
            for (int c = 0; c < copies; c++) for (int k = 0; k < framesPerCopy; k++) frames[c * framesPerCopy + k] = s.video().frameTimes()[k] + c * base;
            return new Fixture(file, new FixtureSpec(s.format(), copies * base, 0,
                    new VideoSpec(s.video().codec(), 1920, 1080, frames, keys, false, null),
                    s.audios(), List.of(), List.of(), List.of(), false));
        }
        return make("long-" + seconds + "s-gop" + gopSeconds + ".mkv", new Recipe("matroska", 0, seconds,
                new VideoRecipe(1920, 1080, FPS24, new int[0], gopSeconds * 24, false, "ultrafast", null),
                List.of(new AudioRecipe("aac", 2, 48000, "eng", null, true, false, 440)),
                List.of(), List.of(), List.of(), false));
    }

    /** Matroska: HEVC 320x180 at 25 fps, a keyframe every 2 s, no B-frames; Opus stereo "jpn" (default)
     * and AAC stereo "eng", 20 s: an original a browser may not decode, and copies of two codecs. */
    public static Fixture hevcWithOpusAndAac() {
        return make("hevc-opus-aac.mkv", new Recipe("matroska", 0, 20,
                new VideoRecipe(320, 180, new int[] {40}, new int[0], 50, false, "veryfast", null,
                        Recipe.Picture.of("libx265", "hevc", "yuv420p").with("x265-params", "log-level=error:pools=1:frame-threads=1")),
                List.of(new AudioRecipe("libopus", 2, 48000, "jpn", null, true, false, 550),
                        new AudioRecipe("aac", 2, 48000, "eng", null, false, false, 330)),
                List.of(), List.of(), List.of(), false));
    }

    /** MPEG-TS as a DVB recording has it: H.264 320x180 at 25 fps (2 s GOPs, no B-frames) and MP2
     * stereo "deu", 20 s: an audio codec with no RFC 6381 string, which no browser's MSE takes in MP4. */
    public static Fixture dvbRecording() {
        return make("dvb-h264-mp2.ts", new Recipe("mpegts", 0, 20,
                new VideoRecipe(320, 180, new int[] {40}, new int[0], 50, false, "veryfast", null),
                List.of(new AudioRecipe("mp2", 2, 48000, "deu", null, true, false, 440)),
                List.of(), List.of(), List.of(), false));
    }

        /** The first third of {@link #multiTrackMkv()}. */
    public static Path truncated() {
        return broken("truncated.mkv", () -> {
            byte[] whole = read(multiTrackMkv().path());
            return Arrays.copyOf(whole, whole.length / 3);
        });
    }

    /** 64 KiB of random bytes named {@code random.mkv}. */
    public static Path randomBytes() {
        return broken("random.mkv", () -> {
            byte[] b = new byte[64 * 1024];
            new Random(7).nextBytes(b);
            return b;
        });
    }

    /** An empty file named {@code empty.mp4}. */
    public static Path empty() {
        return broken("empty.mp4", () -> new byte[0]);
    }

    /** A text file named {@code notes.mkv}. */
    public static Path text() {
        return broken("notes.mkv", () -> "These are not the frames you are looking for.\n".repeat(200).getBytes(StandardCharsets.UTF_8));
    }

    private static final Recipe TWO_VIDEOS_FIRST = new Recipe("matroska", 12,
            new VideoRecipe(320, 180, new int[] {40}, new int[0], 50, false, "veryfast", "eng"),
            new AudioRecipe("aac", 2, 48000, "eng", null, true, false, 440));
    private static final Recipe TWO_VIDEOS_SECOND = new Recipe("matroska", 0, 12,
            new VideoRecipe(192, 108, new int[] {50}, new int[] {0, 28, 64, 120, 152, 208}, 0, true, "veryfast", "jpn"),
            List.of(), List.of(), List.of(), List.of(), false);

    /**
     * Matroska with two video tracks, 12 s: track 0 H.264 320x180 at 25 fps "eng" with a keyframe
     * every 2 s, and an AAC stereo track (its spec is the fixture's); track 1 H.264 192x108 at
     * 20 fps "jpn" with B-frames and keyframes of its own, at 0, 1.4, 3.2, 6, 7.6 and 10.4 s
     * ({@link #secondVideoTrack()}). A picture's size and time say which track it came from.
     */
    public static Fixture twoVideoTracks() {
        return MADE.computeIfAbsent("two-videos.mkv", n -> {
            Path file = dir().resolve(n);
            if (!Files.exists(file)) {
                Path tmp = dir().resolve("." + n + ".part-" + ProcessHandle.current().pid());
                Path first = dir().resolve(".two-videos-0.mkv.part-" + ProcessHandle.current().pid());
                Path second = dir().resolve(".two-videos-1.mkv.part-" + ProcessHandle.current().pid());
                try {
                    MediaWriter.write(TWO_VIDEOS_FIRST, first);
                    MediaWriter.write(TWO_VIDEOS_SECOND, second);
                    Remuxer.merge(List.of(first, second), tmp, "matroska");
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    for (Path p : List.of(tmp, first, second)) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // best effort
                        }
                    }
                }
            }
            return new Fixture(file, spec(TWO_VIDEOS_FIRST));
        });
    }

    /** What track 1 of {@link #twoVideoTracks()} was made of. */
    public static FixtureSpec.VideoSpec secondVideoTrack() {
        return spec(TWO_VIDEOS_SECOND).video();
    }

    // ---- making ----

    static Fixture make(String name, Recipe recipe) {
        return MADE.computeIfAbsent(name, n -> new Fixture(madeOnce(dir().resolve(n), tmp -> MediaWriter.write(recipe, tmp)),
                spec(recipe)));
    }

    /** The file {@code name} in the media folder, written by {@code write} into a scratch file first when it is not there yet. */
    static Path written(String name, java.util.function.Consumer<Path> write) {
        return madeOnce(dir().resolve(name), write);
    }

    /**
     * {@code file}, made by {@code write} unless it exists: written under a temporary name beside it
     * and moved into place, so a build stopped halfway leaves no half file under the real name.
     */
    public static Path madeOnce(Path file, java.util.function.Consumer<Path> write) {
        if (Files.exists(file)) return file;
        Path tmp = file.resolveSibling("." + file.getFileName() + ".part-" + ProcessHandle.current().pid());
        try {
            write.accept(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private interface Bytes {
        byte[] get();
    }

    private static Path broken(String name, Bytes content) {
        Path file = dir().resolve(name);
        try {
            if (!Files.exists(file)) {
                Path tmp = dir().resolve("." + name + ".part-" + ProcessHandle.current().pid());
                Files.write(tmp, content.get());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] fontBytes() {
        byte[] b = new byte[4096];
        new Random(1234).nextBytes(b);
        // a TrueType signature, so tools that sniff it see a font
        b[0] = 0;
        b[1] = 1;
        b[2] = 0;
        b[3] = 0;
        return b;
    }

    // ---- the truth, from the recipe ----

    static double[] frameTimes(VideoRecipe r, double duration, double offset) {
        List<Double> times = new ArrayList<>();
        long ms = 0;
        int i = 0;
        while (ms < duration * 1000) {
            times.add(offset + ms / 1000.0);
            ms += r.frameDurationsMs()[i % r.frameDurationsMs().length];
            i++;
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static boolean[] keyframeFlags(VideoRecipe r, int frames) {
        boolean[] key = new boolean[frames];
        if (r.keyframeIndexes().length > 0) {
            for (int k : r.keyframeIndexes()) if (k < frames) key[k] = true;
        } else {
            for (int k = 0; k < frames; k += r.gopFrames()) key[k] = true;
        }
        key[0] = true;
        return key;
    }

    private static FixtureSpec spec(Recipe r) {
        VideoSpec video = null;
        if (r.video() != null) {
            double[] times = frameTimes(r.video(), r.duration(), r.startOffset());
            boolean[] key = keyframeFlags(r.video(), times.length);
            double[] keys = java.util.stream.IntStream.range(0, times.length).filter(i -> key[i]).mapToDouble(i -> times[i]).toArray();
            video = new VideoSpec(r.video().picture().codec(), r.video().width(), r.video().height(), times, keys, r.video().bFrames(), r.video().language());
        }
        List<AudioSpec> audios = r.audios().stream().map(a -> new AudioSpec(
                switch (a.encoder()) {
                    case "libmp3lame" -> "mp3";
                    default -> a.encoder();
                },
                a.channels(), a.sampleRate(), a.language(), a.title(), a.isDefault(), a.isForced())).toList();
        return new FixtureSpec(r.format(), r.duration(), r.startOffset(), video, audios, r.subtitles(), r.attachments(),
                r.chapters(), r.cover());
    }
}
