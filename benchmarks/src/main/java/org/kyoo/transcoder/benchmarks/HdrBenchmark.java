package org.kyoo.transcoder.benchmarks;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.codecs.VideoFilter;
import org.kyoo.transcoder.engine.hardware.SoftwareProfile;
import org.kyoo.transcoder.engine.hdr.SourceColours;
import org.kyoo.transcoder.engine.hdr.ToneMapping;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.streams.FileStream;
import org.kyoo.transcoder.engine.streams.Rendition;
import org.kyoo.transcoder.engine.testmedia.FirstPicture;

/**
 * What tone mapping costs a transcode, in one run: {@code java -cp benchmarks.jar
 * org.kyoo.transcoder.benchmarks.HdrBenchmark}. For a 1080p and a 4K 10-bit HEVC source in HDR10
 * and the same pictures in SDR ({@link HdrBenchMedia}), and their 720p and 1080p variants, one
 * cold head in-process (the file's info and keyframes known): the first segment with the start-up
 * preset (what a player waiting on it gets) and without (every segment at the steady preset), then
 * the steady speed over the following segments (× real time) and the CPU it takes per second of
 * media. The HDR rows minus the SDR ones are what tone mapping costs.
 */
public final class HdrBenchmark {
    private HdrBenchmark() {}

    public static void main(String[] args) throws Exception {
        for (int height : new int[] {1080, 2160}) {
            for (boolean hdr : new boolean[] {false, true}) HdrBenchMedia.of(height, hdr);
        }
        filterCosts(Integer.getInteger("hdr.frames", 48));
        if (Boolean.getBoolean("hdr.filtersOnly")) return;
        // unmeasured: class loading, the JIT and libav's first load are no head's cost
        firstSegment(HdrBenchMedia.of(1080, true), Quality.P720, true);
        System.out.println("| source | variant | first segment, start-up preset (s) | first segment, steady preset (s) |"
                + " steady speed (× real time) | CPU s per media s |");
        System.out.println("|---|---|---|---|---|---|");
        for (int height : new int[] {1080, 2160}) {
            for (boolean hdr : new boolean[] {false, true}) {
                Path source = HdrBenchMedia.of(height, hdr);
                for (Quality quality : new Quality[] {Quality.P720, Quality.P1080}) {
                    double quick = firstSegment(source, quality, true);
                    double steady = firstSegment(source, quality, false);
                    double[] speed = steadySpeed(source, quality);
                    System.out.printf(Locale.ROOT, "| %s %s | %s | %.2f | %.2f | %.2f | %.2f |%n", height == 2160 ? "4K" : "1080p",
                            hdr ? "HDR10" : "SDR", quality.label(), quick, steady, speed[0], speed[1]);
                }
            }
        }
    }

    /**
     * The filter graph alone, CPU milliseconds per frame: the first picture of each source pushed
     * {@code frames} times through the SDR chain ({@code scale}, what an SDR source gets) and through
     * the tone-mapping chain cut after each of its stages (zscale to linear light, tonemap, zscale back).
     */
    private static void filterCosts(int frames) {
        System.out.println();
        System.out.println("| source → variant, ms of CPU per frame | scale (an SDR source's chain) | tone mapping: zscale to linear"
                + " | + tonemap | + zscale to BT.709 (the whole chain) |");
        System.out.println("|---|---|---|---|---|");
        for (int height : new int[] {1080, 2160}) {
            Path source = HdrBenchMedia.of(height, true);
            for (Quality quality : new Quality[] {Quality.P720, Quality.P1080}) {
                double[] ms = FirstPicture.decode(source, (par, frame) -> {
                    String toneMap = ToneMapping.DEFAULT.software(SourceColours.of(par, frame), quality.height() * 16 / 9,
                            quality.height(), "yuv420p");
                    int tonemap = toneMap.indexOf(",tonemap="), back = toneMap.indexOf(",zscale=", tonemap);
                    return new double[] {
                            cpuPerFrame(frame, new SoftwareProfile().scaleFilter(quality.height() * 16 / 9, quality.height(), false), frames),
                            cpuPerFrame(frame, toneMap.substring(0, tonemap), frames),
                            cpuPerFrame(frame, toneMap.substring(0, back), frames),
                            cpuPerFrame(frame, toneMap, frames)};
                });
                System.out.printf(Locale.ROOT, "| %s HDR10 → %s | %.1f | %.1f | %.1f | %.1f |%n", height == 2160 ? "4K" : "1080p",
                        quality.label(), ms[0], ms[1], ms[2], ms[3]);
            }
        }
    }

    private static double cpuPerFrame(AVFrame picture, String chain, int frames) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AVFrame in = av_frame_alloc();
        AVFrame out = av_frame_alloc();
        try (VideoFilter filter = new VideoFilter(picture, av_make_q(1, 24), chain, graph -> { })) {
            long cpu = 0;
            for (int i = -3; i < frames; i++) {
                Av.check(av_frame_ref(in, picture), "av_frame_ref");
                in.pts(i + 3);
                long before = os.getProcessCpuTime();
                filter.push(in);
                while (filter.pull(out)) av_frame_unref(out);
                // the first frames configure the graph: not counted
                if (i >= 0) cpu += os.getProcessCpuTime() - before;
            }
            return cpu / 1e6 / frames;
        } finally {
            av_frame_free(out);
            av_frame_free(in);
        }
    }

    /** Seconds from asking for segment 0 to its being complete, in a fresh engine that knows the file. */
    private static double firstSegment(Path source, Quality quality, boolean startupPreset) throws Exception {
        return run(source, startupPreset, stream -> {
            long t = System.nanoTime();
            stream.segment(Rendition.tsVideo(quality), 0).get(300, TimeUnit.SECONDS);
            return new double[] {(System.nanoTime() - t) / 1e9};
        })[0];
    }

    /** × real time and CPU seconds per media second of segments 1 onwards, made by the head segment 0 started. */
    private static double[] steadySpeed(Path source, Quality quality) throws Exception {
        return run(source, true, stream -> {
            Rendition rendition = Rendition.tsVideo(quality);
            stream.segment(rendition, 0).get(300, TimeUnit.SECONDS);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long t = System.nanoTime();
            int last = HdrBenchMedia.seconds() / HdrBenchMedia.GOP_SECONDS - 1;
            for (int n = 1; n <= last; n++) stream.segment(rendition, n).get(300, TimeUnit.SECONDS);
            double media = (double) last * HdrBenchMedia.GOP_SECONDS;
            return new double[] {media / ((System.nanoTime() - t) / 1e9), (os.getProcessCpuTime() - cpu) / 1e9 / media};
        });
    }

    private interface Measure {
        double[] on(FileStream stream) throws Exception;
    }

    private static double[] run(Path source, boolean startupPreset, Measure measure) throws Exception {
        Path metadata = InProcessEngine.freshDir("metadata");
        Path cache = InProcessEngine.freshDir("cache");
        Path scratch = InProcessEngine.freshDir("warm");
        try {
            // info.json and keyframes.json on disk: the measured engine finds them known
            try (InProcessEngine warm = new InProcessEngine(metadata, scratch, startupPreset)) {
                MediaInfo info = warm.info(source);
                warm.keyframes(source, info);
            }
            try (InProcessEngine engine = new InProcessEngine(metadata, cache, startupPreset)) {
                FileStream stream = engine.stream(source);
                try {
                    return measure.on(stream);
                } finally {
                    stream.kill();
                    stream.awaitHeads(java.time.Duration.ofSeconds(30));
                }
            }
        } finally {
            InProcessEngine.delete(scratch);
            InProcessEngine.delete(cache);
            InProcessEngine.delete(metadata);
        }
    }
}
