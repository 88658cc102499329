package org.kyoo.transcoder.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kyoo.transcoder.benchmarks.baseline.BundledTools;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.benchmarks.baseline.KeyframesBaseline;
import org.kyoo.transcoder.benchmarks.baseline.ProbeBaseline;
import org.kyoo.transcoder.benchmarks.baseline.SegmentBaseline;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.streams.FileStream;

/**
 * One cold head, measured from the request of its first segment to that segment being complete,
 * the file's info and keyframes being known already (as for any head but a file's first).
 */
abstract class HeadRun {
    final Path file = BenchMedia.mkv().path();
    final Head head;
    final int segment;

    HeadRun(Head head, String at) {
        this.head = head;
        this.segment = segmentAt(at);
    }

    /** "start": segment 0; "deep": three quarters into the file. */
    static int segmentAt(String at) {
        return switch (at) {
            case "start" -> 0;
            case "deep" -> BenchMedia.mkv().spec().video().keyframes().length * 3 / 4;
            default -> throw new IllegalArgumentException("no position " + at);
        };
    }

    /** Once per trial. */
    abstract void prepare() throws Exception;

    /** Before each measurement: nothing of this head exists yet. */
    abstract void fresh() throws Exception;

    /** The measured part. */
    abstract Path firstSegment() throws Exception;

    /** After each measurement: every process or head stopped, segments deleted. */
    abstract void release();

    /** Once per trial, at the end. */
    abstract void finish();

    /** The engine's heads, in this JVM. */
    static final class Ours extends HeadRun {
        private final boolean startupPreset;
        private Path metadata;
        private Path cache;
        private InProcessEngine engine;
        private FileStream stream;

        Ours(Head head, String at, boolean startupPreset) {
            super(head, at);
            this.startupPreset = startupPreset;
        }

        @Override
        void prepare() throws Exception {
            metadata = InProcessEngine.freshDir("metadata");
            Path scratch = InProcessEngine.freshDir("cache");
            // info.json and keyframes.json on disk: every later engine finds them known
            try (InProcessEngine warm = new InProcessEngine(metadata, scratch, startupPreset)) {
                MediaInfo info = warm.info(file);
                warm.keyframes(file, info);
            } finally {
                InProcessEngine.delete(scratch);
            }
        }

        @Override
        void fresh() {
            cache = InProcessEngine.freshDir("cache");
            engine = new InProcessEngine(metadata, cache, startupPreset);
            stream = engine.stream(file);
        }

        @Override
        Path firstSegment() throws Exception {
            Rendition rendition = head.isAudio() ? Rendition.tsAudio(0) : Rendition.tsVideo(head.quality());
            return ((Stored.LocalFile) stream.segment(rendition, segment).get(60, TimeUnit.SECONDS)).path();
        }

        @Override
        void release() {
            if (stream != null) {
                // the head runs on after its first segment: stop it and let its thread end
                stream.kill();
                try {
                    stream.awaitHeads(java.time.Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stream = null;
            if (engine != null) engine.close();
            engine = null;
            InProcessEngine.delete(cache);
        }

        @Override
        void finish() {
            InProcessEngine.delete(metadata);
        }
    }

    /** The original's process per head: the bundled ffmpeg with the original's arguments. */
    static final class Baseline extends HeadRun {
        private BundledTools tools;
        private ProbeBaseline.Probe probe;
        private double[] keyframes;
        private Path out;
        private SegmentBaseline.Running running;

        Baseline(Head head, String at) {
            super(head, at);
        }

        @Override
        void prepare() throws Exception {
            BaselineGate.require();
            tools = BundledTools.find();
            // what the original knows before starting a head, from its own probes
            probe = ProbeBaseline.probe(tools, file);
            keyframes = KeyframesBaseline.scan(tools, file);
        }

        @Override
        void fresh() {
            out = InProcessEngine.freshDir("baseline");
        }

        @Override
        Path firstSegment() throws Exception {
            running = SegmentBaseline.start(tools, file, head, keyframes, probe, segment, out);
            return running.awaitListed();
        }

        @Override
        void release() {
            // stopping ffmpeg is not part of the wait: it runs after the measurement
            if (running != null) running.close();
            running = null;
            InProcessEngine.delete(out);
        }

        @Override
        void finish() {
        }
    }
}
