package org.kyoo.transcoder.server.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.scheduling.ClientPosition;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.MutableClock;
import org.kyoo.transcoder.engine.scheduling.StreamControl;
import org.kyoo.transcoder.engine.scheduling.StreamId;

/** Over its bound, the cache drops files no one watches, least recently used first, and never a watched one. */
class CacheBoundTest {
    private static final int MB = 1 << 20;

    @TempDir
    Path dir;

    /** An engine whose caches are folders named after the files, deleted when the file is destroyed. */
    private final class FolderStreams implements StreamControl {
        final List<Path> destroyed = new ArrayList<>();

        Path cacheOf(Path file) {
            return dir.resolve("cache").resolve(file.getFileName().toString());
        }

        void fill(Path file, int bytes) throws IOException {
            Files.write(Files.createDirectories(cacheOf(file)).resolve("segment-0.ts"), new byte[bytes]);
        }

        @Override
        public void destroyFile(Path file) {
            destroyed.add(file);
            try {
                Files.deleteIfExists(cacheOf(file).resolve("segment-0.ts"));
                Files.deleteIfExists(cacheOf(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public void killVideo(Path file, StreamId video) {}
        @Override public void killAudio(Path file, int audio) {}
        @Override public void killOrphanedHeads(Path file, StreamId video, int audio, int[] watched) {}
        @Override public void killFile(Path file) {}
    }

    @Test
    void unwatchedFilesGoLeastRecentlyUsedFirstUntilUnderTheBound() throws Exception {
        FolderStreams streams = new FolderStreams();
        MutableClock clock = new MutableClock();
        Players tracker = new Players(streams, clock, SchedulerSettings.defaults());
        Path old = dir.resolve("old.mkv"), recent = dir.resolve("recent.mkv"), watched = dir.resolve("watched.mkv");
        for (Path file : List.of(old, recent, watched)) streams.fill(file, 2 * MB);

        // one player went from old to recent to watched; another watches nothing now
        tracker.seen(ClientPosition.opened("a", old));
        clock.advance(Duration.ofMinutes(10));
        tracker.seen(ClientPosition.opened("a", recent));
        clock.advance(Duration.ofMinutes(10));
        tracker.seen(ClientPosition.opened("a", watched));

        CacheBound bound = new CacheBound(dir.resolve("cache"), 5 * MB, tracker, streams);
        assertEquals(List.of(old), bound.enforce(), "one file's worth over: the least recently used goes");
        assertFalse(Files.exists(streams.cacheOf(old)));
        assertTrue(Files.exists(streams.cacheOf(recent)));

        CacheBound tight = new CacheBound(dir.resolve("cache"), MB, tracker, streams);
        assertEquals(List.of(recent), tight.enforce(), "the watched file stays even over the bound");
        assertTrue(Files.exists(streams.cacheOf(watched)));
        assertEquals(List.of(old, recent), streams.destroyed);
    }

    @Test
    void underTheBoundOrUnboundedNothingGoes() throws Exception {
        FolderStreams streams = new FolderStreams();
        Players tracker = new Players(streams, new MutableClock(), SchedulerSettings.defaults());
        Path file = dir.resolve("movie.mkv");
        streams.fill(file, MB);
        tracker.seen(ClientPosition.opened("a", file));
        tracker.seen(ClientPosition.opened("a", dir.resolve("other.mkv")));
        assertEquals(List.of(), new CacheBound(dir.resolve("cache"), 2 * MB, tracker, streams).enforce());
        assertEquals(List.of(), new CacheBound(dir.resolve("cache"), 0, tracker, streams).enforce());
        assertEquals(List.of(), streams.destroyed);
    }
}
