package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Path mkv = mkv().path();
        Path mp4 = mkv.resolveSibling(mkv.getFileName().toString().replace(".mkv", ".mp4"));
        if (!Files.exists(mp4)) {
            Path tmp = mp4.resolveSibling("." + mp4.getFileName() + ".part-" + ProcessHandle.current().pid());
            try {
                Mp4Remux.remux(mkv, tmp);
                Files.move(tmp, mp4, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
        return mp4;
    }

    /** The file of a container name used as a JMH parameter ("mkv", "mp4"). */
    public static Path file(String container) {
        return switch (container) {
            case "mkv" -> mkv().path();
            case "mp4" -> mp4();
            default -> throw new IllegalArgumentException("no benchmark media in " + container);
        };
    }
}
