package org.kyoo.transcoder.players;

import java.util.List;

/**
 * The non-fatal errors a player reports while playing a file well, each with why it is not a fault
 * of the server, and the faults still open, each with what was found. Anything else a player
 * reports fails {@link Viewer}'s session.
 */
final class ExpectedErrors {
    static final List<Viewer.Expected> HLS_JS = List.of(
            Viewer.Expected.of("^networkError:aborted ",
                    "hls.js cancels its own fragment load when a seek or a level switch makes it useless"),
            Viewer.Expected.of("^mediaError:bufferSeekOverHole main #\\d+ ",
                    "a gap of a frame or two where the video starts or after a seek lands (an H.264 stream's first"
                            + " picture, B-frames reordered, is shown after its first decode time): hls.js steps over it"),
            Viewer.Expected.of("^mediaError:bufferAppendNoProgress audio #0 \\[0\\.000\\+",
                    "MPEG-TS table only: hls.js appends the separate audio rendition's first fragment before the main"
                            + " one set the timeline (it keeps it pending, then appends it again, and plays): not established"
                            + " further, see the issue's closing note"),
            Viewer.Expected.of("^mediaError:(bufferStalledError|bufferNudgeOnStall) @[01]\\.\\d+s ",
                    "a stall in the first two seconds of a file whose every level is transcoded on demand (DV,"
                            + " Theora), while its second segment is made on the 2 cores the browser shares; when it"
                            + " lasts with data buffered, hls.js nudges the playhead (seen once at 0.1 s on the 15-fps"
                            + " Theora file, MPEG-TS table, in one clean-clone run of two)"));

    static final List<Viewer.Expected> SHAKA = List.of(
            Viewer.Expected.of("^shaka gapjumped at 0\\.[0-2]\\d* ",
                    "the first picture is shown a few hundredths after 0 (a B-frame stream's first decode time, a"
                            + " source's first timestamp): Shaka jumps that gap once, at the start"));

    /**
     * Files a web player does not play yet as a viewer expects, and what was found: the test prints
     * them instead of failing, so that everything else stays checked. Each is open in issue 22's note.
     */
    record Open(WebPlayer.Kind kind, String table, String file, String found) {}

    static final List<Open> OPEN = List.of(
            new Open(WebPlayer.Kind.HLS_JS, "/video", "audio-flac.mka",
                    "the FLAC copy (fLaC in fMP4) fails Chromium's append (bufferAppendingError) though MSE says it"
                            + " plays fLaC"),
            new Open(WebPlayer.Kind.SHAKA, "/video", "audio-flac.mka",
                    "the FLAC copy: Shaka 3014 (MediaSource operation failed) at the first append"),
            new Open(WebPlayer.Kind.SHAKA, "/video", "HEVC with Opus and AAC",
                    "the Opus copy: Shaka 3014 at its first append (hls.js plays the same copy)"),
            new Open(WebPlayer.Kind.HLS_JS, "/video", "theora-skeleton-320x320-50fps.ogv",
                    "its last segment is a few frames long (a keyframe 0.08 s before the end): hls.js cannot parse"
                            + " it (fragParsingError), and appends the first without its buffer growing"),
            new Open(WebPlayer.Kind.SHAKA, "/video", "theora-skeleton-320x320-50fps.ogv",
                    "the same first fragment hls.js appends without its buffer growing: Shaka reports an error that is"
                            + " not its own (no category) at 0.4 s, in 2 clean-clone runs of 5; not established"),
            new Open(WebPlayer.Kind.HLS_JS, "", "theora-skeleton-320x320-50fps.ogv",
                    "its last segment is one frame long (a keyframe 0.02 s before the end): hls.js appends it"
                            + " without its buffer growing (bufferAppendNoProgress main #26 [32.720+0.020])"));

    /** mpv's warnings that are not the server's fault. */
    static final List<Viewer.Expected> MPV = List.of(
            Viewer.Expected.of("hls: Can't support the subtitle",
                    "libavformat's HLS reader does not read WebVTT renditions: it says so and plays the rest"),
            Viewer.Expected.of("Audio/Video desynchronisation detected|hardware, temporary CPU spikes|position will not match"
                            + "|\\]\\[w\\]\\[cplayer\\] $",
                    "mpv plays --untimed, with no clock to keep audio and video together: it says so"),
            Viewer.Expected.of("Could not find codec parameters for stream \\d+ \\(Video: h264.*192x108|Consider increasing the value"
                            + " for the 'analyzeduration'",
                    "the second video track's rendition (TYPE=VIDEO) is probed with no analysis time; the default"
                            + " track plays"));

    /** Files mpv does not play yet as it should, and what was found (printed, not failed; open in issue 22's note). */
    record MpvOpen(String table, String file, String found) {}

    static final List<MpvOpen> MPV_OPEN = List.of(
            new MpvOpen("", "audio", "audio-only files on the MPEG-TS table: mpv picks the audio rendition the variant"
                    + " does not name (no AUDIO attribute) and ends at once, 'Errors when loading file'; with the"
                    + " variant naming its group (AUDIO=\"audio\") it plays"),
            new MpvOpen("", "MP3 with a cover", "as the other audio-only files"),
            new MpvOpen("/video", "flash.flv", "the MP3 copy's first timestamps jump by 2^31 ms ('Invalid audio PTS:"
                    + " 0.027007 -> 2147484.693016'): mpv resets and plays on"),
            new MpvOpen("/video", "theora", "the Theora sources' transcodes read as having discarded samples ('Edit lists"
                    + " are not correctly supported'), though no edit list is written: not established"));

    private ExpectedErrors() {}

    /** What is open for {@code file} in mpv on {@code table}, null when nothing. */
    static MpvOpen mpvOpen(String table, String file) {
        return MPV_OPEN.stream().filter(o -> o.table().equals(table) && file.startsWith(o.file())).findFirst().orElse(null);
    }

    static List<Viewer.Expected> of(WebPlayer.Kind kind) {
        return kind == WebPlayer.Kind.SHAKA ? SHAKA : HLS_JS;
    }

    /** What is open for {@code file} in {@code kind} on {@code table}, null when nothing. */
    static Open open(WebPlayer.Kind kind, String table, String file) {
        return OPEN.stream().filter(o -> o.kind() == kind && o.table().equals(table) && file.startsWith(o.file()))
                .findFirst().orElse(null);
    }
}
