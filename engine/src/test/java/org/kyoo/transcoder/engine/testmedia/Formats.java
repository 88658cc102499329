package org.kyoo.transcoder.engine.testmedia;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.kyoo.transcoder.engine.testmedia.Recipe.AudioRecipe;
import org.kyoo.transcoder.engine.testmedia.Recipe.Picture;
import org.kyoo.transcoder.engine.testmedia.Recipe.VideoRecipe;

/**
 * What people's libraries hold, one small file per format, made in-process with the bundled
 * encoders: old containers (MPEG program streams, AVI, FLV, ASF, DV), broadcast transport streams,
 * codecs MPEG-TS cannot carry (VP9, AV1, ProRes…), pictures players must see turned, deinterlaced
 * or reshaped, and audio-only Matroska of every common codec. A few seconds at small sizes, so
 * making them all stays fast on two cores.
 */
public final class Formats {
    /** One format: a name that says what it is, and how to get the file. */
    public record Format(String name, Supplier<Path> file) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final int FPS = 25;
    private static final double SECONDS = 4;

    private Formats() {}

    /**
     * Every kind of file the tests play end to end: every format, then the test media's other
     * kinds (several tracks, B-frames, open GOPs, a stream starting at 10 s, variable frame rate,
     * audio only, a cover, audio ending early, no audio, copies of two codecs, a DVB recording, two
     * video tracks).
     */
    public static List<Format> library() {
        List<Format> all = new ArrayList<>(all());
        all.add(new Format("multi-track MKV (H.264, AAC + AC-3 5.1, subtitles)", () -> TestMedia.multiTrackMkv().path()));
        all.add(new Format("MP4 with B-frames", () -> TestMedia.mp4().path()));
        all.add(new Format("open-GOP HEVC", () -> TestMedia.openGopHevcMkv().path()));
        all.add(new Format("MPEG-TS starting at 10 s (ADTS AAC)", () -> TestMedia.mpegTsOffset().path()));
        all.add(new Format("variable frame rate", () -> TestMedia.variableFrameRate().path()));
        all.add(new Format("audio-only M4A", () -> TestMedia.audioOnly().path()));
        all.add(new Format("MP3 with a cover", () -> TestMedia.coverPicture().path()));
        all.add(new Format("audio ending at 5 s of 100", () -> TestMedia.audioEndingEarly().path()));
        all.add(new Format("video without audio", () -> TestMedia.shortClip().path()));
        all.add(new Format("HEVC with Opus and AAC", () -> TestMedia.hevcWithOpusAndAac().path()));
        all.add(new Format("DVB recording (H.264 + MP2)", () -> TestMedia.dvbRecording().path()));
        all.add(new Format("two video tracks", () -> TestMedia.twoVideoTracks().path()));
        return all;
    }

    /** Every format with video, then the audio-only ones. */
    public static List<Format> all() {
        List<Format> all = new ArrayList<>(withVideo());
        all.addAll(audioOnly());
        return all;
    }

    public static List<Format> withVideo() {
        return List.of(
                video("mpeg2-program-stream.mpg", "mpeg", picture("mpeg2video", "yuv420p"), 320, 240, mp2()),
                video("dvd.vob", "vob", picture("mpeg2video", "yuv420p").pixelAspect(32, 27), 352, 240,
                        new AudioRecipe("ac3", 2, 48000)),
                interlacedBroadcastTs(),
                video("divx.avi", "avi", picture("mpeg4", "yuv420p").with("vtag", "XVID"), 320, 240, mp3()),
                video("mjpeg.avi", "avi", picture("mjpeg", "yuvj420p"), 320, 240, mp3()),
                video("flash.flv", "flv", picture("flv", "yuv420p"), 320, 240, mp3()),
                video("windows-media.wmv", "asf", picture("wmv2", "yuv420p"), 320, 240, new AudioRecipe("wmav2", 2, 44100)),
                video("vp8.webm", "webm", picture("libvpx", "yuv420p").with("deadline", "realtime").with("cpu-used", "8"),
                        320, 240, new AudioRecipe("libopus", 2, 48000)),
                video("vp9.webm", "webm", picture("libvpx-vp9", "yuv420p").with("deadline", "realtime").with("cpu-used", "8"),
                        320, 240, new AudioRecipe("libopus", 2, 48000)),
                video("av1.webm", "webm", picture("libsvtav1", "yuv420p").with("preset", "12"), 320, 240,
                        new AudioRecipe("libopus", 2, 48000)),
                video("hevc.mp4", "mp4", picture("libx265", "yuv420p").with("x265-params", "log-level=error:pools=1:frame-threads=1"),
                        320, 240, aac()),
                video("hevc-10bit.mkv", "matroska",
                        picture("libx265", "yuv420p10le").with("x265-params", "log-level=error:pools=1:frame-threads=1"),
                        320, 240, aac()),
                video("h264-422-10bit.mkv", "matroska", new Picture("libx264", "h264", "yuv422p10le", false, 0,
                        new int[] {1, 1}, java.util.Map.of("preset", "veryfast")), 320, 240, aac()),
                video("h264-444.mkv", "matroska", new Picture("libx264", "h264", "yuv444p", false, 0,
                        new int[] {1, 1}, java.util.Map.of("preset", "veryfast")), 320, 240, aac()),
                video("cinepak.avi", "avi", picture("cinepak", "rgb24"), 160, 120, mp3()),
                video("dv.dv", "dv", picture("dvvideo", "yuv420p"), 720, 576, new AudioRecipe("pcm_s16le", 2, 48000)),
                video("prores.mov", "mov", picture("prores_ks", "yuv422p10le").with("profile", "proxy"), 320, 240, aac()),
                video("dnxhr.mov", "mov", picture("dnxhd", "yuv422p").with("profile", "dnxhr_lb"), 320, 240, aac()),
                video("phone-rotated-90.mp4", "mp4", new Picture("libx264", "h264", "yuv420p", false, 90, new int[] {1, 1},
                        java.util.Map.of("preset", "veryfast")), 320, 180, aac()),
                video("odd-size-378x382.mkv", "matroska", new Picture("libx264", "h264", "yuv420p", false, 0, new int[] {1, 1},
                        java.util.Map.of("preset", "veryfast")), 378, 382, aac()),
                singleGopMp4(),
                shared("theora-378x382-15fps.ogv"),
                shared("theora-skeleton-320x320-50fps.ogv"));
    }

    public static List<Format> audioOnly() {
        List<Format> all = new ArrayList<>();
        for (AudioRecipe a : List.of(mp3(), new AudioRecipe("flac", 2, 44100), new AudioRecipe("libopus", 2, 48000),
                new AudioRecipe("vorbis", 2, 44100), aac(), new AudioRecipe("ac3", 6, 48000), new AudioRecipe("dca", 2, 44100),
                new AudioRecipe("truehd", 2, 48000))) {
            String name = "audio-" + a.encoder() + ".mka";
            all.add(new Format(name, () -> TestMedia.make(name, new Recipe("matroska", SECONDS, null, a)).path()));
        }
        return all;
    }

    // ---- the recipes ----

    private static Format video(String name, String muxer, Picture picture, int width, int height, AudioRecipe audio) {
        return new Format(name, () -> TestMedia.make(name, new Recipe(muxer, SECONDS,
                new VideoRecipe(width, height, FPS, FPS, picture), audio)).path());
    }

    /** Interlaced MPEG-2 (top field first) and MP2 in one service, AC-3 in a second service. */
    private static Format interlacedBroadcastTs() {
        String name = "broadcast-interlaced-two-programs.ts";
        return new Format(name, () -> TestMedia.make(name, new Recipe("mpegts", 0, SECONDS,
                new VideoRecipe(352, 288, FPS, 12, picture("mpeg2video", "yuv420p").interlace()),
                List.of(mp2(), new AudioRecipe("ac3", 2, 48000)), List.of(), List.of(), List.of(), false, true)).path());
    }

    /** A screen recording: one keyframe, at the start, for the whole file. */
    private static Format singleGopMp4() {
        String name = "single-gop.mp4";
        return new Format(name, () -> TestMedia.make(name, new Recipe("mp4", 10,
                new VideoRecipe(320, 180, new int[] {40}, new int[] {0}, 100_000, false, "veryfast", null), aac())).path());
    }

    /** Real files from Debian packages (no Theora encoder here), beside the checkout as CI has them. */
    private static Format shared(String name) {
        return new Format(name, () -> sharedMedia().resolve(name));
    }

    /** {@code ../shared/media} from the repository root, whichever module's folder the tests run in. */
    public static Path sharedMedia() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path media = p.resolve("shared").resolve("media");
            if (java.nio.file.Files.isDirectory(media)) return media;
        }
        return here.resolve("../shared/media");
    }

    private static Picture picture(String encoder, String pixelFormat) {
        return Picture.of(encoder, encoder, pixelFormat);
    }

    private static AudioRecipe mp2() {
        return new AudioRecipe("mp2", 2, 48000);
    }

    private static AudioRecipe mp3() {
        return new AudioRecipe("libmp3lame", 2, 44100);
    }

    private static AudioRecipe aac() {
        return new AudioRecipe("aac", 2, 48000);
    }
}
