package org.kyoo.transcoder.server.realmedia;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * What a live cache folder holds, as {@code relative/path:size}, sorted. Heads write segments under
 * a temporary name and rename them while the walk runs, and the tracker deletes whole folders: an
 * entry gone between listing and reading is simply not there (Files.walk would throw
 * NoSuchFileException and fail the test at random).
 */
final class CacheFiles {
    private CacheFiles() {}

    static List<String> of(Path cache) throws IOException {
        List<String> files = new ArrayList<>();
        Files.walkFileTree(cache, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) files.add(cache.relativize(file) + ":" + attributes.size());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                // a folder deleted while it was being listed
                if (e != null && !(e instanceof NoSuchFileException)) throw e;
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }
}
