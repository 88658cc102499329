package org.kyoo.transcoder.engine.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.hardware.SoftwareProfile;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.encoding.EncodingPolicy;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.scheduling.Players;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.scheduling.StreamControl;
import org.kyoo.transcoder.engine.scheduling.StreamId;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.StoreKeys;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.FixtureSpec;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;

/** Builds a FileStream straight from a fixture's truth, without the probe. */
public final class Fixtures {
    private Fixtures() {}

    /** The keyframes the file was muxed with; audio-only files get one every 2 s, as the store does. */
    public static double[] keyframes(FixtureSpec spec) {
        if (spec.video() != null) return spec.video().keyframes();
        int count = (int) Math.ceil(spec.duration() / 2);
        double[] times = new double[count];
        for (int i = 0; i < count; i++) times[i] = spec.startTime() + 2.0 * i;
        return times;
    }

    public static MediaInfo info(Fixture f) {
        FixtureSpec s = f.spec();
        MediaInfo.Video video = s.video() == null ? null
                : new MediaInfo.Video(s.video().codec(), "avc1.640015", null, "240p", s.video().width(), s.video().height(), 500_000);
        List<MediaInfo.Audio> audios = new ArrayList<>();
        for (int i = 0; i < s.audios().size(); i++) {
            FixtureSpec.AudioSpec a = s.audios().get(i);
            audios.add(new MediaInfo.Audio(i, a.title(), a.language(), a.codec(), null, a.channels(), a.isDefault(), a.isForced()));
        }
        return new MediaInfo("sha-" + f.path().getFileName(), f.path().toString(), "mkv", null, 0, s.duration(), s.format(),
                video, video == null ? List.of() : List.of(video), audios, List.of(), List.of(), List.of());
    }

    public static EngineSettings settings(Path cache) {
        return new EngineSettings(cache, cache.resolve("metadata"), "fast", "veryfast", new SoftwareProfile());
    }

    /** Every frame time handed to an encoder, by anyone. */
    public static final class Observed implements VideoPipeline.FrameObserver {
        final Set<Double> times = ConcurrentHashMap.newKeySet();
        @Override
        public void encoding(int segment, double seconds) {
            times.add(seconds);
        }
    }

    private static final List<FileStream> MADE = new java.util.concurrent.CopyOnWriteArrayList<>();

    public static FileStream stream(Fixture f, Path cache, VideoPipeline.FrameObserver observer) {
        return stream(f, cache, observer, Scheduler.withDefaults());
    }

    public static FileStream stream(Fixture f, Path cache, VideoPipeline.FrameObserver observer,
                             Scheduler scheduler) {
        return stream(f, cache, settings(cache), observer, scheduler);
    }

    /** With its own settings (presets), on a scheduler of its own. */
    public static FileStream stream(Fixture f, Path cache, EngineSettings settings) {
        return stream(f, cache, settings, VideoPipeline.FrameObserver.NONE, Scheduler.withDefaults());
    }

    private static FileStream stream(Fixture f, Path cache, EngineSettings settings, VideoPipeline.FrameObserver observer,
                                     Scheduler scheduler) {
        return made(new FileStream(f.path(), cachedAt(info(f)), KeyframeIndex.complete(keyframes(f.spec())), track -> {
            throw new MediaException(MediaException.Kind.BAD_REQUEST, "Only the first video track is streamed here");
        }, environment(cache, settings, observer, scheduler)));
    }

    /** A stream cut at {@code keyframes}: for a fixture whose encoder placed its keyframes itself. */
    public static FileStream stream(Fixture f, Path cache, double[] keyframes) {
        return made(new FileStream(f.path(), cachedAt(info(f)), KeyframeIndex.complete(keyframes), track -> {
            throw new MediaException(MediaException.Kind.BAD_REQUEST, "Only the first video track is streamed here");
        }, environment(cache, settings(cache), VideoPipeline.FrameObserver.NONE, Scheduler.withDefaults())));
    }

    /**
     * What a test's streams share: segments kept under {@code cache}, a request waiting up to two
     * minutes, and players whose leaving stops nothing (no tracker in these tests).
     */
    public static StreamEnvironment environment(Path cache, EngineSettings settings, VideoPipeline.FrameObserver observer,
                                                Scheduler scheduler) {
        EncodingPolicy encoding = new EncodingPolicy(settings.preset(), settings.startupPreset(), settings.loadPreset(),
                settings.hardware());
        return new StreamEnvironment(new LocalStore(cache), scheduler,
                new Players(NO_STREAM_CONTROL, scheduler.ticker(), scheduler.settings()), encoding,
                new PipelineFactory(settings.hardware(), encoding, observer), Duration.ofSeconds(120));
    }

    /** Leaving players stop nothing. */
    public static final StreamControl NO_STREAM_CONTROL = new StreamControl() {
        @Override public void killVideo(Path file, StreamId video) {}
        @Override public void killAudio(Path file, int audio) {}
        @Override public void killOrphanedHeads(Path file, StreamId video, int audio, int[] watched) {}
        @Override public void killFile(Path file) {}
        @Override public void destroyFile(Path file) {}
    };

    /** The info of a file whose segments are kept in {@code {cache}/seg}: its sha names that folder. */
    static MediaInfo cachedAt(MediaInfo info) {
        return new MediaInfo("seg", info.path(), info.extension(), info.mimeCodec(), info.size(), info.duration(),
                info.container(), info.video(), info.videos(), info.audios(), info.subtitles(), info.fonts(), info.chapters());
    }

    /** Where the store handed a segment out: on local disk. */
    public static Path path(Stored stored) {
        return ((Stored.LocalFile) stored).path();
    }

    /** Where a stream's segment n is, or would be, kept (its store is a local folder in these tests). */
    static Path segmentFile(Stream stream, int n) {
        StreamSetup setup = stream.setup();
        return ((LocalStore) setup.store()).fileOf(StoreKeys.segment(setup.sha(), setup.rendition().label(), n,
                setup.rendition().container().extension()));
    }

    private static FileStream made(FileStream stream) {
        MADE.add(stream);
        return stream;
    }

    /** Stops every head the test started, before its temporary folder goes. */
    public static void stopAll() throws InterruptedException {
        for (FileStream s : MADE) s.kill();
        for (FileStream s : MADE) {
            if (!s.awaitHeads(Duration.ofSeconds(30))) throw new AssertionError("heads of " + s.path() + " did not stop");
        }
        MADE.clear();
    }

    public static List<Path> files(Path dir) {
        try (var s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
