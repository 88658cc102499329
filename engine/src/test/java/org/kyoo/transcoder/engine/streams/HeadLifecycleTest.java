package org.kyoo.transcoder.engine.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.storage.Stored;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.HeadView;
import org.kyoo.transcoder.engine.scheduling.PlanningRule;
import org.kyoo.transcoder.engine.scheduling.SchedulerSettings;
import org.kyoo.transcoder.engine.scheduling.StreamPlan;
import org.kyoo.transcoder.engine.scheduling.Ticker;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;
import org.kyoo.transcoder.engine.testmedia.SegmentChecks;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

class HeadLifecycleTest {
    @TempDir Path cache;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    private static List<Path> files(Path dir) {
        while (true) {
            try {
                return Files.exists(dir) ? Fixtures.files(dir) : List.of();
            } catch (java.io.UncheckedIOException e) {
                // a head moved or deleted a temporary file while the walk listed it: look again
                if (!(e.getCause() instanceof java.nio.file.NoSuchFileException)) throw e;
            }
        }
    }

    /**
     * Joins any head at or before a segment that goes that far, however slow, and never throttles:
     * a request then surely waits on the head behind it.
     */
    private static final PlanningRule JOIN_ANY_HEAD = new PlanningRule() {
        @Override
        public String name() {
            return "join-any-head";
        }

        @Override
        public boolean needsHead(StreamPlan plan, int n) {
            for (HeadView h : plan.heads()) if (!h.cancelled() && h.position() <= n && n < h.end()) return false;
            return true;
        }

        @Override
        public int prefetchAt(StreamPlan plan, int served) {
            return -1;
        }

        @Override
        public boolean throttles() {
            return false;
        }
    };

    private static Scheduler joiningAnyHead() {
        return new Scheduler(new SchedulerSettings(JOIN_ANY_HEAD, Integer.MAX_VALUE, Integer.MAX_VALUE, Double.POSITIVE_INFINITY, null),
                Ticker.SYSTEM);
    }

    @Test
    void aReadySegmentIsAnsweredAtOnceWithoutAHead() throws Exception {
        Fixture f = TestMedia.manySegments();
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        Stream audio = stream.stream(Rendition.tsAudio(0));
        audio.segment(0).join();
        assertTrue(audio.awaitHeads(Duration.ofSeconds(60)));
        CompletableFuture<Stored> again = audio.segment(5);
        assertTrue(again.isDone(), "segment 5 was made by the first head");
        assertTrue(audio.heads().isEmpty());
    }

    @Test
    void killingOneHeadLeavesTheOthersRunning() throws Exception {
        Fixture f = TestMedia.manySegments();
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        Stream video = stream.stream(Rendition.tsVideo(Quality.P240));
        video.segment(0);
        video.segment(80);
        EncoderHead first = video.heads().get(0), second = video.heads().get(1);
        video.killHead(first.id());
        assertTrue(first.join(30_000), "the killed head ends");
        assertTrue(first.cancelled());
        assertFalse(second.cancelled());
        assertTrue(video.segment(81).join().toString().endsWith("segment-81.ts"));
    }

    @Test
    void aHeadARequestWaitsOnIsNotOrphaned() {
        Fixture f = TestMedia.manySegments();
        // a rule that joins any head, so that the request surely waits on the head 40 s of media behind
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE, joiningAnyHead());
        Stream video = stream.stream(Rendition.tsVideo(Quality.P240));
        video.segment(0);
        // within a minute of the first head: this request waits on it instead of starting its own
        CompletableFuture<Stored> waiting = video.segment(40);
        assertEquals(1, video.heads().size());
        // the tracker stops heads far from every player's last position: not one a request waits on
        video.killFarFrom(new int[] {120}, FileStream.ORPHAN_DISTANCE);
        assertFalse(video.heads().get(0).cancelled());
        assertTrue(waiting.join().toString().endsWith("segment-40.ts"));
    }

    @Test
    void cancellingHeadsMidSegmentLeavesNoPartialFile() throws Exception {
        Fixture f = TestMedia.manySegments();
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        Path dir = cache.resolve("seg");
        stream.segment(Rendition.tsVideo(Quality.P240), 40);
        stream.segment(Rendition.tsVideo(null), 40);
        stream.segment(Rendition.tsAudio(0), 40);
        // wait for a segment being written, then stop everything in the middle of it
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        boolean partial = false;
        while (!(partial = files(dir).stream().anyMatch(p -> p.toString().endsWith(".tmp"))) && System.nanoTime() < deadline) Thread.sleep(1);
        assertTrue(partial, "a segment was being written when the heads were stopped");
        stream.kill();
        assertTrue(stream.awaitHeads(Duration.ofSeconds(30)));
        for (Path p : files(dir)) {
            assertFalse(p.toString().endsWith(".tmp"), "left behind: " + p);
            // whatever is visible is whole: every frame of its interval
            String name = p.getFileName().toString();
            int n = Integer.parseInt(name.substring("segment-".length(), name.length() - ".ts".length()));
            WrittenSegment s = WrittenSegment.read(p);
            if (s.codec().equals("h264")) SegmentChecks.assertSourceFrames(f.spec(), Fixtures.keyframes(f.spec()), n, s);
        }
    }

    @Test
    void aHeadThatFailsTellsThePlayerWaitingOnItAtOnce() {
        Fixture good = TestMedia.multiTrackMkv();
        Fixture broken = new Fixture(TestMedia.randomBytes(), good.spec());
        FileStream stream = Fixtures.stream(broken, cache, VideoPipeline.FrameObserver.NONE);
        CompletionException e = assertThrows(CompletionException.class, () -> stream.segment(Rendition.tsVideo(Quality.P240), 3).join());
        MediaException cause = assertInstanceOf(MediaException.class, e.getCause());
        assertEquals(MediaException.Kind.NOT_MEDIA, cause.kind());
    }

    @Test
    void destroyingAFileStopsItsHeadsAndDeletesItsSegments() {
        Fixture f = TestMedia.multiTrackMkv();
        FileStream stream = Fixtures.stream(f, cache, VideoPipeline.FrameObserver.NONE);
        stream.segment(Rendition.tsVideo(null), 2).join();
        stream.segment(Rendition.tsAudio(1), 2).join();
        stream.destroy();
        assertFalse(Files.exists(cache.resolve("seg")));
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        throw new IllegalStateException("no VmRSS");
    }

    /** Starts a cold head on each kind of stream in turn, lets it run a moment, cancels it. */
    private void startAndCancel(Fixture f, int cycle) throws InterruptedException {
        FileStream stream = Fixtures.stream(f, cache.resolve("cycle-" + cycle), VideoPipeline.FrameObserver.NONE);
        Stream s = switch (cycle % 3) {
            case 0 -> stream.stream(Rendition.tsVideo(Quality.P240));
            case 1 -> stream.stream(Rendition.tsVideo(null));
            default -> stream.stream(Rendition.tsAudio(0));
        };
        s.segment((cycle * 7) % 125);
        Thread.sleep(cycle % 20);
        s.kill();
        assertTrue(s.awaitHeads(Duration.ofSeconds(30)));
    }

    /**
     * Frees what is only waiting to be freed: Java wrappers of by-value structs, and what glibc's
     * per-thread arenas keep after x264 and the decoders freed it (malloc_trim), so the figures
     * show what is still allocated.
     */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
        Pointer.deallocateReferences();
        Pointer.trimMemory();
    }

    @Test
    void startingAndCancellingHeadsLeavesNativeMemoryFlat() throws Exception {
        Fixture f = TestMedia.manySegments();
        // warm-up: the JIT, the pooled threads and their malloc arenas settle first
        for (int i = 0; i < 90; i++) startAndCancel(f, i);
        int cycles = Integer.getInteger("segments.cycles", 200);
        List<long[]> samples = new java.util.ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            startAndCancel(f, 90 + i);
            if (i % 25 == 24) {
                settle();
                samples.add(new long[] {Pointer.physicalBytes(), rss()});
                System.out.printf("after %d cycles: physicalBytes %d KiB%n", i + 1, Pointer.physicalBytes() >> 10);
            }
        }
        // allocator fragmentation comes and goes, a leak only grows: compare the lows of the first
        // and of the last samples
        int k = Math.min(3, samples.size() / 2);
        for (int which = 0; which < 2; which++) {
            final int w = which;
            long first = samples.subList(0, k).stream().mapToLong(a -> a[w]).min().orElseThrow();
            long last = samples.subList(samples.size() - k, samples.size()).stream().mapToLong(a -> a[w]).min().orElseThrow();
            long growth = last - first;
            String what = which == 0 ? "Pointer.physicalBytes()" : "RSS";
            System.out.printf("%d start/cancel cycles: %s %+d KiB%n", cycles, what, growth >> 10);
            // a demuxer leaked per cycle (~340 KiB) grows this by ~30 MiB, an x264 context by far more
            assertTrue(growth < 20L << 20, what + " grew by " + (growth >> 10) + " KiB");
        }
    }
}
