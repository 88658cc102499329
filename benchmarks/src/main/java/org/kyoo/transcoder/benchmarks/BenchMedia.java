package org.kyoo.transcoder.benchmarks;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * The benchmark media, generated in-process once and kept under the test media folder: a long 1080p
 * H.264 Matroska file with 5 s GOPs and AAC (the tests' generator), and the same packets in MP4.
 * Length in seconds from {@code -Dbench.seconds} (default 600).
 */
public final class BenchMedia {
    public static final int GOP_SECONDS = 5;

    private BenchMedia() {}

    public static int seconds() {
        return Integer.getInteger("bench.seconds", 600);
    }

    public static Fixture mkv() {
        return TestMedia.long1080p(seconds(), GOP_SECONDS);
    }

    /** The MKV's packets remuxed into MP4, whose sample tables are a container keyframe index. */
    public static Path mp4() {
        return remuxed(".mp4", "mp4", null);
    }

    /**
     * The MKV's packets in Matroska without Cues (written as a live stream), as some muxers leave
     * files: no container index, so keyframes come from a packet scan.
     */
    public static Path mkvWithoutCues() {
        return remuxed("-nocues.mkv", "matroska", "live=1");
    }

    private static Path remuxed(String suffix, String format, String options) {
        Path mkv = mkv().path();
        Path made = mkv.resolveSibling(mkv.getFileName().toString().replace(".mkv", suffix));
        TestMedia.madeOnce(made, tmp -> Remux.copy(mkv, tmp, format, options));
        return made;
    }

    /** The file of a container name used as a JMH parameter ("mkv", "mkv-nocues", "mp4"). */
    public static Path file(String container) {
        return switch (container) {
            case "mkv" -> mkv().path();
            case "mkv-nocues" -> mkvWithoutCues();
            case "mp4" -> mp4();
            default -> throw new IllegalArgumentException("no benchmark media in " + container);
        };
    }
}
