package org.kyoo.transcoder.server.caching;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/** Bytes of the files under a folder, as the cache bound and the metrics count them. */
public final class CacheSize {
    private CacheSize() {}

    public static long of(Path root) {
        return of(root, folder -> {});
    }

    /**
     * As {@link #of(Path)}, calling {@code entering} on each folder before its files are counted
     * (tests remove things there, as an eviction or a finished stream does while the walk runs).
     */
    static long of(Path root, Consumer<Path> entering) {
        if (!Files.isDirectory(root)) return 0;
        long[] total = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    entering.accept(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) total[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                // A file or folder that went while walking (an evicted stream, a finished head's
                // temporary file) holds nothing any more: skip it and count the rest.
                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // only the root itself can fail here (the visitor goes on past everything else)
            return total[0];
        }
        return total[0];
    }
}
