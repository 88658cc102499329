package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.keyframes.KeyframeStore;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.ExpectedTime;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.Ticker;
import org.kyoo.transcoder.engine.storage.FolderBucket;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.StoreHealth;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.storage.TieredStore;
import org.kyoo.transcoder.engine.storage.Uploads;
import org.kyoo.transcoder.engine.storage.WatchedBucket;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.SegmentChecks;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

/**
 * Two engines ("instances") with their own disks and one shared bucket (a folder both reach): the
 * second takes a file over from the first without probing, indexing or encoding again what the
 * first finished, its heads start only where nobody finished and stop where someone did, and its
 * fMP4 fragments play under the init a player took from the first.
 */
class SharedStoreTest {
    private static final Demand VIEWER = Demand.of("viewer");
    @TempDir Path dir;
    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    /** One instance: its engine, what it put in and read from the bucket, and its uploads. */
    record Instance(Transcoder transcoder, WatchedBucket bucket, Uploads uploads) {
        FileStream file(Fixture f) {
            return transcoder.fileStream(f.path(), FileIdentity.sha(f.path()));
        }

        void flush() {
            assertTrue(uploads.flush(Duration.ofSeconds(30)), "uploads done");
        }
    }

    private Instance instance(String name, Path bucket) {
        return instance(name, bucket, SchedulerSettings.defaults());
    }

    /** @param scheduling how far its heads run ahead of the player */
    private Instance instance(String name, Path bucket, SchedulerSettings scheduling) {
        WatchedBucket watched = new WatchedBucket(new FolderBucket(bucket));
        Uploads uploads = new Uploads(watched, new StoreHealth(watched.describe()), 2);
        EngineSettings settings = Fixtures.settings(dir.resolve(name).resolve("cache"));
        TieredStore metadata = new TieredStore(new LocalStore(settings.metadataRoot()), uploads);
        KeyframeStore keyframes = new KeyframeStore(metadata);
        LocalStore cache = new LocalStore(settings.cacheRoot());
        Transcoder.emptied(cache);
        Transcoder transcoder = new Transcoder(settings, new MediaInfoStore(metadata), keyframes, scheduling,
                new TieredStore(cache, uploads), Ticker.SYSTEM);
        open.add(uploads);
        open.add(keyframes);
        open.add(transcoder);
        return new Instance(transcoder, watched, uploads);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private static Stored get(java.util.concurrent.CompletableFuture<Stored> f) throws Exception {
        return f.get(120, TimeUnit.SECONDS);
    }

    @Test
    void theInstanceTakingOverReadsWhatTheOwnerMadeAndEncodesOnlyWhatNobodyFinished() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        String sha = FileIdentity.sha(f.path());
        Rendition p240 = Rendition.tsVideo(Quality.P240);
        Path bucket = dir.resolve("bucket");
        // heads that pause right after the segment asked for: the owner makes exactly 0, 1 and 5 (a seek)
        Instance owner = instance("a", bucket, new SchedulerSettings(ExpectedTime.RULE, 2, 1, 0.001, Duration.ofSeconds(1)));
        FileStream first = owner.file(f);
        get(first.segment(p240, 0, VIEWER));
        get(first.segment(p240, 1, VIEWER));
        get(first.segment(p240, 5, VIEWER));
        first.kill();
        assertTrue(first.awaitHeads(Duration.ofSeconds(30)));
        owner.flush();
        assertTrue(owner.bucket().puts.containsAll(List.of(StoreKeys.info(sha), StoreKeys.keyframes(sha, 0))),
                "the owner's info and keyframes went up: " + owner.bucket().puts);
        assertEquals(List.of(segment(sha, 0), segment(sha, 1), segment(sha, 5)), madeBy(owner, sha, p240),
                "the owner's segments went up");

        Instance other = instance("b", bucket);
        FileStream taken = other.file(f);
        assertTrue(other.bucket().gets.containsAll(List.of(StoreKeys.info(sha), StoreKeys.keyframes(sha, 0))),
                "info and keyframes read from the bucket: " + other.bucket().gets);
        WrittenSegment one = WrittenSegment.read(get(taken.segment(p240, 1, VIEWER)));
        SegmentChecks.assertSourceFrames(f.spec(), f.spec().video().keyframes(), 1, one);
        // the player goes on: 2 is nobody's yet, and the head made for it stops before 5, the owner's
        WrittenSegment two = WrittenSegment.read(get(taken.segment(p240, 2, VIEWER)));
        SegmentChecks.assertSourceFrames(f.spec(), f.spec().video().keyframes(), 2, two);
        // nobody asks for more: the heads run ahead of the player (30 s) and end by themselves
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!taken.runningHeads().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(List.of(), taken.runningHeads(), "the heads ended");
        other.flush();
        List<String> made = madeBy(other, sha, p240);
        assertTrue(made.containsAll(List.of(segment(sha, 2), segment(sha, 3), segment(sha, 4), segment(sha, 6))),
                "what nobody had finished was made: " + made);
        for (int n : new int[] {0, 1, 5}) {
            assertFalse(made.contains(segment(sha, n)), "the owner's " + n + " was not encoded again: " + made);
        }
        get(taken.segment(p240, 3, VIEWER));
        get(taken.segment(p240, 4, VIEWER));
        get(taken.segment(p240, 5, VIEWER));
        taken.kill();
        assertTrue(taken.awaitHeads(Duration.ofSeconds(30)));
        other.flush();

        assertFalse(other.bucket().puts.contains(segment(sha, 5)), "nor after the player asked for it");
        assertTrue(other.bucket().gets.containsAll(List.of(segment(sha, 1), segment(sha, 5))), "the rest came from the bucket");
        assertFalse(other.bucket().puts.contains(StoreKeys.info(sha)), "no probe, no info written again");
        assertFalse(other.bucket().puts.contains(StoreKeys.keyframes(sha, 0)), "no keyframe scan written again");
    }

    @Test
    void fragmentsTheOtherInstanceMakesPlayUnderTheInitAPlayerGotFromTheOwner() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        Rendition p240 = Rendition.video(0, Quality.P240);
        Path bucket = dir.resolve("bucket");
        Instance owner = instance("a", bucket);
        FileStream first = owner.file(f);
        Path ownersInit = Fixtures.path(get(first.init(p240)));
        get(first.segment(p240, 1));
        first.kill();
        assertTrue(first.awaitHeads(Duration.ofSeconds(30)));
        owner.flush();

        FileStream taken = instance("b", bucket).file(f);
        Path fragment = Fixtures.path(get(taken.segment(p240, 6)));
        assertArrayEquals(Boxes.bytes(ownersInit), Boxes.bytes(Fixtures.path(get(taken.init(p240)))),
                "a player asking the other instance for the init gets the owner's");
        WrittenSegment played = WrittenSegment.read(Boxes.joined(ownersInit, fragment, dir.resolve("crossed.mp4")));
        assertEquals(f.spec().video().keyframes()[6], played.start(), 0.1);
        assertEquals(240, played.height());

        // an instance that never saw the owner's init writes the same one itself
        FileStream alone = instance("c", dir.resolve("another-bucket")).file(f);
        get(alone.segment(p240, 6));
        assertArrayEquals(Boxes.bytes(ownersInit), Boxes.bytes(Fixtures.path(get(alone.init(p240)))),
                "every instance's heads write the same init");
    }

    private static List<String> madeBy(Instance instance, String sha, Rendition rendition) {
        return instance.bucket().puts.stream().filter(k -> k.startsWith(StoreKeys.stream(sha, rendition.label()))).sorted(
                java.util.Comparator.comparingInt(k -> Integer.parseInt(k.replaceAll(".*segment-(\\d+)\\..*", "$1")))).toList();
    }

    private static String segment(String sha, int n) {
        return StoreKeys.segment(sha, "240p", n, "ts");
    }
}
