package org.kyoo.transcoder.engine.streams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.keyframes.KeyframeIndex;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.scheduling.EncodeSlots;
import org.kyoo.transcoder.engine.scheduling.Demand;
import org.kyoo.transcoder.engine.scheduling.Scheduler;
import org.kyoo.transcoder.engine.hardware.SoftwareProfile;
import org.kyoo.transcoder.engine.containers.Container;
import org.kyoo.transcoder.engine.pipelines.AudioCopyPipeline;
import org.kyoo.transcoder.engine.pipelines.AudioPipeline;
import org.kyoo.transcoder.engine.pipelines.SegmentPipeline;
import org.kyoo.transcoder.engine.pipelines.TransmuxPipeline;
import org.kyoo.transcoder.engine.pipelines.VideoPipeline;

/**
 * One file's video qualities and audio tracks, each a stream of segments made by heads. Segments
 * live under {@code {cacheRoot}/{sha}/{stream}/segment-N.ts}, stream being {@code original}, a
 * quality name or {@code audio-N}.
 */
public final class FileStream {
    /** How long a request waits for its segment. */
    public static final Duration SEGMENT_WAIT = Duration.ofSeconds(60);
    /** How far (in segments) from every client a head may be before it is stopped as orphaned. */
    public static final int ORPHAN_DISTANCE = 20;
    private static final String ORIGINAL = Quality.ORIGINAL;
    /** How long a stream cut on a failed keyframe scan may take to stop its heads. */
    private static final Duration STALE_STREAM_WAIT = Duration.ofSeconds(10);
    private static final IntFunction<KeyframeIndex> ONLY_FIRST_TRACK = track -> {
        throw new MediaException(MediaException.Kind.BAD_REQUEST, "Only the first video track is streamed here");
    };

    private final Path path;
    private final MediaInfo info;
    private final KeyframeIndex keyframes;
    /**
     * The cut points of the video tracks after the first, each its own index (see {@link #keyframes(int)}):
     * the store's, so a scan that failed is started again by the next request.
     */
    private final IntFunction<KeyframeIndex> laterTracks;
    private final Path dir;
    private final EngineSettings settings;
    private final Duration wait;
    private final VideoPipeline.FrameObserver observer;
    private final Scheduler scheduler;
    private final ConcurrentMap<String, SegmentedStream> streams = new ConcurrentHashMap<>();

    /**
     * @param dir where this file's segments go, {@code {cacheRoot}/{sha}}
     */
    public FileStream(Path path, MediaInfo info, KeyframeIndex keyframes, Path dir, EngineSettings settings) {
        this(path, info, keyframes, dir, settings, Scheduler.withDefaults());
    }

    /** @param scheduler the machine's, shared by every file so slots bound the whole machine */
    public FileStream(Path path, MediaInfo info, KeyframeIndex keyframes, Path dir, EngineSettings settings, Scheduler scheduler) {
        this(path, info, keyframes, ONLY_FIRST_TRACK, dir, settings, scheduler);
    }

    /** @param laterTracks the cut points of video track N > 0, indexed when first asked for */
    public FileStream(Path path, MediaInfo info, KeyframeIndex keyframes, IntFunction<KeyframeIndex> laterTracks, Path dir,
                      EngineSettings settings, Scheduler scheduler) {
        this(path, info, keyframes, laterTracks, dir, settings, SEGMENT_WAIT, VideoPipeline.FrameObserver.NONE, scheduler);
    }

    FileStream(Path path, MediaInfo info, KeyframeIndex keyframes, Path dir, EngineSettings settings, Duration wait,
               VideoPipeline.FrameObserver observer) {
        this(path, info, keyframes, dir, settings, wait, observer, Scheduler.withDefaults());
    }

    FileStream(Path path, MediaInfo info, KeyframeIndex keyframes, Path dir, EngineSettings settings, Duration wait,
               VideoPipeline.FrameObserver observer, Scheduler scheduler) {
        this(path, info, keyframes, ONLY_FIRST_TRACK, dir, settings, wait, observer, scheduler);
    }

    FileStream(Path path, MediaInfo info, KeyframeIndex keyframes, IntFunction<KeyframeIndex> laterTracks, Path dir,
               EngineSettings settings, Duration wait, VideoPipeline.FrameObserver observer, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.path = path;
        this.info = info;
        this.keyframes = keyframes;
        this.laterTracks = laterTracks;
        this.dir = dir;
        this.settings = settings;
        this.wait = wait;
        this.observer = observer;
    }

    public Path path() {
        return path;
    }

    public MediaInfo info() {
        return info;
    }

    public KeyframeIndex keyframes() {
        return keyframes;
    }

    /**
     * The cut points of video track {@code videoTrack} (order among the video tracks), once its
     * first batch is usable: the first track's are {@link #keyframes()}, which every TS stream and
     * every audio rendition cut on; each other track's renditions cut on their own. Waits for that
     * batch no longer than a request waits for its segment.
     */
    public KeyframeIndex keyframes(int videoTrack) {
        MediaException invalid = noVideoTrack(videoTrack);
        if (invalid != null) throw invalid;
        if (videoTrack == 0) return keyframes;
        KeyframeIndex index = laterTracks.apply(videoTrack);
        try {
            index.firstBatch().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException(MediaException.Kind.UNREADABLE, "Interrupted while reading keyframes of " + path, e);
        } catch (TimeoutException e) {
            throw new MediaException(MediaException.Kind.TIMEOUT, "The keyframes of video track " + videoTrack + " of "
                    + path + " took longer than " + wait.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            // a track the file turns out not to have is the request's fault, not the file's
            if (e.getCause() instanceof MediaException m && m.kind() == MediaException.Kind.BAD_REQUEST) throw m;
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot read the keyframes of video track "
                    + videoTrack + " of " + path + ": " + e.getCause().getMessage(), e.getCause());
        }
        return index;
    }

    /**
     * Segment n of the video in {@code quality} (null: original, transmuxed). Completes with the
     * finished file, at once when ready; starts a head when none will reach it soon.
     */
    public CompletableFuture<Path> videoSegment(Quality quality, int n) {
        return videoSegment(quality, n, Demand.ANONYMOUS);
    }

    /** As {@link #videoSegment(Quality, int)}, for {@code demand}'s player (its urgency follows from what it asked before). */
    public CompletableFuture<Path> videoSegment(Quality quality, int n, Demand demand) {
        if (info.video() == null) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.BAD_REQUEST, "No video in " + path));
        }
        return watching(videoStream(quality), demand).segment(n, demand);
    }

    /** Segment n of audio track {@code audio} (index among the audio tracks). */
    public CompletableFuture<Path> audioSegment(int audio, int n) {
        return audioSegment(audio, n, Demand.ANONYMOUS);
    }

    public CompletableFuture<Path> audioSegment(int audio, int n, Demand demand) {
        if (audio < 0 || audio >= info.audios().size()) {
            return CompletableFuture.failedFuture(new MediaException(MediaException.Kind.BAD_REQUEST, "No audio track " + audio + " in " + path));
        }
        return watching(audioStream(audio), demand).segment(n, demand);
    }

    /** True once video segment n of {@code quality} (null: original) is complete on disk. */
    public boolean isVideoSegmentReady(Quality quality, int n) {
        SegmentedStream s = streams.get(videoLabel(quality));
        return s != null && s.isReady(n);
    }

    SegmentedStream videoStream(Quality quality) {
        String label = videoLabel(quality);
        return streams.computeIfAbsent(label, l -> new SegmentedStream(new SegmentedStream.Config(
                path.getFileName() + " " + l, dir.resolve(l), keyframes,
                () -> quality == null ? new TransmuxPipeline(path) : new VideoPipeline(path, quality, settings.hardware(), observer),
                true, settings.preset(), quality == null ? null : settings.startupPreset(), wait, Container.TS,
                scheduler, videoSlots(quality),
                // x264 presets: a hardware encoder's slots are its sessions, and its presets are its own
                quality != null && settings.hardware() instanceof SoftwareProfile ? settings.loadPreset() : null)));
    }

    SegmentedStream audioStream(int audio) {
        String label = audioLabel(audio);
        return streams.computeIfAbsent(label, l -> new SegmentedStream(new SegmentedStream.Config(
                path.getFileName() + " " + l, dir.resolve(l), keyframes,
                () -> new AudioPipeline(path, audio),
                // audio is cheap next to video: prefetching it would only slow the video heads down
                false, null, null, wait, Container.TS, scheduler, scheduler.unbounded())));
    }

    /** Transmuxing costs next to nothing; hardware encoders are bounded by the device, not the cores. */
    private EncodeSlots videoSlots(Quality quality) {
        if (quality == null) return scheduler.unbounded();
        return settings.hardware() instanceof SoftwareProfile ? scheduler.software() : scheduler.hardware();
    }

    /**
     * Segment n of an fMP4 rendition (upstream's table), a fragment whose {@code tfdt} is its
     * absolute decode time; completes as {@link #videoSegment} does.
     */
    public CompletableFuture<Path> fmp4Segment(Rendition rendition, int n) {
        return fmp4Segment(rendition, n, Demand.ANONYMOUS);
    }

    public CompletableFuture<Path> fmp4Segment(Rendition rendition, int n, Demand demand) {
        MediaException invalid = invalid(rendition);
        if (invalid != null) return CompletableFuture.failedFuture(invalid);
        return watching(fmp4Stream(rendition), demand).segment(n, demand);
    }

    /**
     * The rendition's {@code init.mp4}: at once when a segment was published, otherwise with the
     * first segment any head publishes (every head writes the same header; see
     * {@link SegmentedStream#init()}).
     */
    public CompletableFuture<Path> fmp4Init(Rendition rendition) {
        MediaException invalid = invalid(rendition);
        if (invalid != null) return CompletableFuture.failedFuture(invalid);
        return fmp4Stream(rendition).init();
    }

    /**
     * A player watches one video stream and one audio stream of a file at a time: asking for
     * {@code s}, it leaves the others of its kind (a quality switch), and a head there that only
     * it was near pauses at once instead of running on a buffer ahead of where it was.
     */
    private SegmentedStream watching(SegmentedStream s, Demand demand) {
        if (demand.client() == null) return s;
        for (SegmentedStream other : streams.values()) {
            // video streams prefetch, audio ones do not: that tells the kinds apart
            if (other != s && other.config().prefetch() == s.config().prefetch()) other.left(demand);
        }
        return s;
    }

    private MediaException invalid(Rendition r) {
        if (r.audio() && (r.track() < 0 || r.track() >= info.audios().size())) {
            return new MediaException(MediaException.Kind.BAD_REQUEST, "No audio track " + r.track() + " in " + path);
        }
        return r.audio() ? null : noVideoTrack(r.track());
    }

    private MediaException noVideoTrack(int track) {
        if (track >= 0 && track < info.videos().size()) return null;
        return new MediaException(MediaException.Kind.BAD_REQUEST, "No video track " + track + " in " + path);
    }

    SegmentedStream fmp4Stream(Rendition r) {
        // audio renditions cut on the first video track's keyframes, as the TS streams do
        KeyframeIndex cuts = r.audio() ? keyframes : keyframes(r.track());
        SegmentedStream current = streams.get(r.label());
        if (current != null && current.config().keyframes() != cuts) {
            // The track's scan failed and the next request started another, whose index the
            // playlists read: a stream still cutting on the failed one would cut elsewhere. Its
            // heads end before the new stream's start, so none of them publishes into its folder.
            current.destroy(STALE_STREAM_WAIT);
            streams.remove(r.label(), current);
        }
        return streams.computeIfAbsent(r.label(), l -> new SegmentedStream(new SegmentedStream.Config(
                path.getFileName() + " " + l, dir.resolve(l), cuts, () -> fmp4Pipeline(r),
                !r.audio(), r.audio() ? null : settings.preset(),
                // quicker presets only where they write the shared init's parameter sets (VideoPipeline checks)
                quickerPresets(r) ? settings.startupPreset() : null, wait, Container.FMP4, scheduler,
                r.audio() ? scheduler.unbounded() : videoSlots(r.original() ? null : r.quality()),
                quickerPresets(r) ? settings.loadPreset() : null)));
    }

    /** Whether an fMP4 rendition is x264's to encode: the only encoder whose parameter sets can be matched. */
    private boolean quickerPresets(Rendition r) {
        return !r.audio() && !r.original() && settings.hardware() instanceof SoftwareProfile;
    }

    private SegmentPipeline fmp4Pipeline(Rendition r) {
        if (r.audio()) {
            return r.original() ? new AudioCopyPipeline(path, r.track(), Container.FMP4)
                    : new AudioPipeline(path, r.track(), r.bitRate(), Container.FMP4);
        }
        return r.original() ? new TransmuxPipeline(path, Container.FMP4, r.track())
                : new VideoPipeline(path, r.quality(), settings.hardware(), observer, Container.FMP4, r.track(), r.keepSize());
    }

    /** The heads running now, every stream of the file. */
    public java.util.List<RunningHead> runningHeads() {
        java.util.List<RunningHead> out = new java.util.ArrayList<>();
        streams.forEach((label, s) -> {
            for (EncoderHead h : s.heads()) {
                if (!h.cancelled()) out.add(new RunningHead(path.toString(), label, h.id(), h.position(), h.end()));
            }
        });
        return out;
    }

    /** Stops the heads of one fMP4 rendition. */
    public void kill(Rendition rendition) {
        SegmentedStream s = streams.get(rendition.label());
        if (s != null) s.kill();
    }

    /** Stops the rendition's heads more than 20 segments from every segment in {@code watched}. */
    public void killOrphanedHeads(Rendition rendition, int[] watched) {
        killFar(rendition.label(), watched);
    }

    private static String videoLabel(Quality quality) {
        return quality == null ? ORIGINAL : quality.label();
    }

    private static String audioLabel(int audio) {
        return "audio-" + audio;
    }

    /** Stops the heads of one video quality (null: original). */
    public void killVideo(Quality quality) {
        SegmentedStream s = streams.get(videoLabel(quality));
        if (s != null) s.kill();
    }

    /** Stops the heads of one audio track. */
    public void killAudio(int audio) {
        SegmentedStream s = streams.get(audioLabel(audio));
        if (s != null) s.kill();
    }

    /**
     * Stops the heads of this video quality / audio track (either may be absent: null, -1) whose
     * position is more than 20 segments from every segment in {@code watched}.
     */
    public void killOrphanedHeads(Quality quality, boolean original, int audio, int[] watched) {
        if (quality != null) killFar(videoLabel(quality), watched);
        if (original) killFar(ORIGINAL, watched);
        if (audio >= 0) killFar(audioLabel(audio), watched);
    }

    private void killFar(String label, int[] watched) {
        SegmentedStream s = streams.get(label);
        if (s != null) s.killFarFrom(watched, ORPHAN_DISTANCE);
    }

    /** Stops every head of the file. */
    public void kill() {
        streams.values().forEach(SegmentedStream::kill);
    }

    /** Waits (bounded) until every stopped head's thread has ended; false when some have not. */
    public boolean awaitHeads(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        for (SegmentedStream s : streams.values()) {
            if (!s.awaitHeads(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) return false;
        }
        return true;
    }

    /** Stops every head, waits for them, and deletes the file's cached segments. */
    public void destroy() {
        streams.values().forEach(s -> s.destroy(Duration.ofSeconds(10)));
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file still held open elsewhere goes with the next start-up's cleanup
                }
            });
        } catch (IOException ignored) {
            // the directory vanished meanwhile: nothing left to delete
        }
    }
}
