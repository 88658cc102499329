package org.kyoo.transcoder.server.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** The folders the server works in: created on demand, the cache emptied at start-up. */
public final class Folders {
    private Folders() {}

    /** Creates the three roots; refuses a cache root that would hold the media or the metadata it empties. */
    public static void prepare(Config config) throws IOException {
        Path cache = config.cacheRoot().toAbsolutePath().normalize();
        for (Path other : new Path[] {config.safeRoot(), config.metadataRoot()}) {
            Path o = other.toAbsolutePath().normalize();
            if (o.startsWith(cache)) {
                throw new ConfigException("GOCODER_CACHE_ROOT (" + cache + ") is emptied at start-up, so it may not hold "
                        + o + ".");
            }
        }
        Files.createDirectories(config.safeRoot());
        Files.createDirectories(config.metadataRoot());
        Files.createDirectories(cache);
        empty(cache);
    }

    /** Segments of a previous run are not tracked by anyone: they would only fill the disk. */
    static void empty(Path folder) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) deleteTree(child);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
