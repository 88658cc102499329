package org.kyoo.transcoder.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The cached segment's size, handed from the benchmark's JVM to the runner for MB/s. */
final class SegmentSize {
    private SegmentSize() {}

    static void write(long bytes) throws IOException {
        String dir = System.getProperty("bench.reports");
        if (dir == null) return;
        Files.createDirectories(Path.of(dir));
        Files.writeString(Path.of(dir, "cached-segment-bytes"), Long.toString(bytes));
    }

    static OptionalLong read(Path dir) {
        try {
            Path file = dir.resolve("cached-segment-bytes");
            return Files.exists(file) ? OptionalLong.of(Long.parseLong(Files.readString(file).strip())) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
