package org.kyoo.transcoder.server.caching;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Segments a head was writing when it stopped ({@code *.tmp}): never served, only taking disk. */
public final class PartialFiles {
    private static final System.Logger LOG = System.getLogger(PartialFiles.class.getName());

    private PartialFiles() {}

    /** Removes every partial segment under {@code cache}; what cannot be removed is logged, not thrown. */
    public static int remove(Path cache) {
        List<Path> partial;
        try (Stream<Path> files = Files.walk(cache)) {
            partial = files.filter(f -> f.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(f)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            if (Files.exists(cache)) LOG.log(System.Logger.Level.WARNING, "Cannot list partial segments in " + cache, e);
            return 0;
        }
        int removed = 0;
        for (Path file : partial) {
            try {
                if (Files.deleteIfExists(file)) removed++;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot remove partial segment " + file, e);
            }
        }
        return removed;
    }
}
