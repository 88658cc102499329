package org.kyoo.transcoder.server.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's size counts what is there, also while streams come and go under the walk. */
class CacheSizeTest {
    @TempDir
    Path cache;

    @Test
    void countsTheBytesOfEveryFileBelowTheRoot() throws IOException {
        Files.write(cache.resolve("a.ts"), new byte[100]);
        Files.write(Files.createDirectories(cache.resolve("sha/720p")).resolve("segment-0.ts"), new byte[250]);
        assertEquals(350, CacheSize.of(cache));
    }

    @Test
    void aMissingRootIsEmpty() {
        assertEquals(0, CacheSize.of(cache.resolve("absent")));
    }

    /**
     * Two streams' folders; when the walk enters the first, the other is deleted (as an eviction
     * does): the vanished one is skipped, the rest still counted (before: the whole walk gave 0).
     */
    @Test
    void aFolderVanishingMidWalkIsSkippedAndTheRestCounted() throws IOException {
        Files.write(cache.resolve("top.ts"), new byte[10]);
        Files.write(Files.createDirectories(cache.resolve("one")).resolve("s.ts"), new byte[100]);
        Files.write(Files.createDirectories(cache.resolve("two")).resolve("s.ts"), new byte[1000]);
        List<Path> entered = new ArrayList<>();
        long size = CacheSize.of(cache, folder -> {
            if (folder.equals(cache)) return;
            if (entered.isEmpty()) deleteTree(cache.resolve(folder.getFileName().toString().equals("one") ? "two" : "one"));
            entered.add(folder);
        });
        assertEquals(1, entered.size(), "the deleted folder is never entered");
        long kept = entered.get(0).getFileName().toString().equals("one") ? 100 : 1000;
        assertEquals(10 + kept, size);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
