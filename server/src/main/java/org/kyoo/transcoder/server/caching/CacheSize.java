package org.kyoo.transcoder.server.caching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes of the files under a folder, as the cache bound and the metrics count them. */
public final class CacheSize {
    private CacheSize() {}

    public static long of(Path root) {
        if (!Files.isDirectory(root)) return 0;
        try (Stream<Path> files = Files.walk(root)) {
            return files.mapToLong(CacheSize::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            // a folder went while walking (a stream stopped): the next look counts again
            return 0;
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
