package org.kyoo.transcoder.engine.storage;

/**
 * The one layout of keys, all under a file version's sha (never its path), so every instance and
 * every start finds the same object under the same key.
 */
public final class StoreKeys {
    private StoreKeys() {}

    /** Everything of one file version. */
    public static String file(String sha) {
        return sha + "/";
    }

    /** One stream's segments and init ({@code stream}: {@code original}, {@code 720p}, {@code audio-0}, {@code fmp4-video-0-720p}…). */
    public static String stream(String sha, String stream) {
        return sha + "/" + stream + "/";
    }

    public static String segment(String sha, String stream, int n, String extension) {
        return stream(sha, stream) + "segment-" + n + "." + extension;
    }

    /** An fMP4 stream's init segment (ftyp + moov). */
    public static String init(String sha, String stream) {
        return stream(sha, stream) + "init.mp4";
    }

    public static String info(String sha) {
        return sha + "/info.json";
    }

    /** The cut points of video track {@code videoTrack}; the first keeps the name it always had. */
    public static String keyframes(String sha, int videoTrack) {
        return sha + "/" + (videoTrack == 0 ? "keyframes.json" : "keyframes-video-" + videoTrack + ".json");
    }

    /** Extracted subtitles: {@code name} is {@code {index}.{extension}}. */
    public static String subtitle(String sha, String name) {
        return sha + "/sub/" + name;
    }

    /** A file's subtitles folder (extraction writes them all at once). */
    public static String subtitles(String sha) {
        return sha + "/sub/";
    }

    /** An extracted attachment (font), by its safe file name. */
    public static String attachment(String sha, String name) {
        return sha + "/att/" + name;
    }

    public static String attachments(String sha) {
        return sha + "/att/";
    }

    /** Marks a file version whose subtitles and attachments were all extracted. */
    public static String extracted(String sha) {
        return sha + "/extracted";
    }

    public static String sprite(String sha) {
        return sha + "/sprite.png";
    }

    public static String spriteMap(String sha) {
        return sha + "/sprite.vtt";
    }

    /** The audio fingerprints of the file's opening and ending (Chromaprint's, compressed). */
    public static String fingerprints(String sha) {
        return sha + "/fingerprints.bin";
    }

    /** The intro and credits found by comparing the file with its neighbours, and which neighbours. */
    public static String identifiedChapters(String sha) {
        return sha + "/chapters.json";
    }
}
