package org.kyoo.transcoder.engine.streams;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.EngineSettings;
import org.kyoo.transcoder.engine.storage.Stored;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.hardware.SoftwareProfile;
import org.kyoo.transcoder.engine.media.Quality;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.codecs.Encoder;
import org.kyoo.transcoder.engine.encoding.MatchingParameterSets;
import org.kyoo.transcoder.engine.testmedia.Boxes;
import org.kyoo.transcoder.engine.testmedia.WrittenSegment;

/**
 * An fMP4 rendition's fragments share one init, so a quicker preset (a seek's start-up segment,
 * the load preset) is used only under x264 options that make it write the steady preset's SPS and
 * PPS: checked here with real encoders and real fragments, and read back as a player would.
 */
class QuickerPresetsInFmp4Test {
    @TempDir Path dir;

    @AfterEach
    void stopHeads() throws InterruptedException {
        Fixtures.stopAll();
    }

    private static Encoder open(String preset, String x264Params) {
        return new Encoder("libx264", (ctx, options) -> {
            ctx.width(1280).height(720).pix_fmt(AV_PIX_FMT_YUV420P).time_base(av_make_q(1, 24)).framerate(av_make_q(24, 1));
            new SoftwareProfile().configureEncoder(ctx, Quality.P720, preset, options);
            if (x264Params != null) Av.check(av_dict_set(options, "x264-params", x264Params, 0), "x264-params");
            ctx.flags(ctx.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        });
    }

    private static byte[] header(String preset, String x264Params) {
        try (Encoder e = open(preset, x264Params)) {
            return MatchingParameterSets.globalHeader(e.context());
        }
    }

    @Test
    void superfastWritesFastsParameterSetsWithTwoReferencesAndItsChromaOffset() {
        Av.load();
        byte[] fast = header("fast", null);
        byte[] superfast = header("superfast", null);
        assertArrayEquals(new int[] {2, -2}, MatchingParameterSets.refsAndChromaOffset(fast));
        assertArrayEquals(new int[] {1, 0}, MatchingParameterSets.refsAndChromaOffset(superfast));
        assertFalse(Arrays.equals(fast, superfast), "as they come, the two presets write different parameter sets");
        assertArrayEquals(new int[] {2, -2}, MatchingParameterSets.refsAndChromaOffset(avcc(fast)), "the same read from an avcC");

        String options = MatchingParameterSets.find(QuickerPresetsInFmp4Test::open, "fast", "superfast");
        assertEquals("ref=2:chroma-qp-offset=-2", options);
        assertArrayEquals(fast, header("superfast", options));
        // ultrafast drops CABAC and 8x8 transforms: nothing reconciles it, so it is not used
        assertEquals("", MatchingParameterSets.find(QuickerPresetsInFmp4Test::open, "fast", "ultrafast"));
    }

    @Test
    void eachEncoderSetUpIsCheckedOnceSoASeekDoesNotOpenTwoMoreEncoders() {
        Av.load();
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.BiFunction<String, String, Encoder> counting = (preset, params) -> {
            opened.incrementAndGet();
            return open(preset, params);
        };
        String setup = "720p test set-up " + System.nanoTime();
        assertEquals("ref=2:chroma-qp-offset=-2", MatchingParameterSets.find(setup, counting, "fast", "superfast"));
        assertEquals("ref=2:chroma-qp-offset=-2", MatchingParameterSets.find(setup, counting, "fast", "superfast"));
        assertEquals(2, opened.get(), "two throwaway encoders, the first time only");
    }

    @Test
    void aSeeksFragmentAtTheStartUpPresetPlaysUnderTheInitOfTheSteadyPreset() throws Exception {
        Fixture f = TestMedia.multiTrackMkv();
        Rendition p240 = Rendition.video(0, Quality.P240);
        FileStream quick = Fixtures.stream(f, dir.resolve("q"),
                new EngineSettings(dir.resolve("q"), dir.resolve("q/metadata"), "fast", "superfast", new SoftwareProfile()));
        FileStream steady = Fixtures.stream(f, dir.resolve("s"),
                new EngineSettings(dir.resolve("s"), dir.resolve("s/metadata"), "fast", null, new SoftwareProfile()));
        Path quickSegment = get(quick.segment(p240, 2));
        Path steadySegment = get(steady.segment(p240, 2));
        Path quickInit = get(quick.init(p240));
        Path steadyInit = get(steady.init(p240));

        String quickOptions = WrittenSegment.read(Boxes.joined(quickInit, quickSegment, dir.resolve("q.mp4"))).encoderSettings();
        String steadyOptions = WrittenSegment.read(Boxes.joined(steadyInit, steadySegment, dir.resolve("s.mp4"))).encoderSettings();
        assertTrue(quickOptions.contains(" subme=1 ") && quickOptions.contains(" me=dia "), "made at superfast: " + quickOptions);
        assertTrue(steadyOptions.contains(" subme=6 ") && steadyOptions.contains(" me=hex "), "made at fast: " + steadyOptions);

        assertArrayEquals(parameterSets(steadySegment), parameterSets(quickSegment), "the SPS and PPS in the fragments");
        assertArrayEquals(Boxes.bytes(steadyInit), Boxes.bytes(quickInit), "either head writes the same init");
        // a player that took the init from a steady fragment plays the quick one
        WrittenSegment crossed = WrittenSegment.read(Boxes.joined(steadyInit, quickSegment, dir.resolve("crossed.mp4")));
        assertEquals(Fixtures.keyframes(f.spec())[2], crossed.start(), 0.1);
        assertEquals(240, crossed.height());
    }

    private static Path get(java.util.concurrent.CompletableFuture<Stored> f) throws Exception {
        return ((Stored.LocalFile) f.get(120, TimeUnit.SECONDS)).path();
    }

    /** The SPS and PPS NAL units (types 7 and 8) at the head of a fragment's first sample, length-prefixed. */
    private static byte[] parameterSets(Path segment) {
        byte[] sample = Boxes.fragment(segment).data().get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at + 4 <= sample.length) {
            int length = ((sample[at] & 0xff) << 24) | ((sample[at + 1] & 0xff) << 16) | ((sample[at + 2] & 0xff) << 8) | (sample[at + 3] & 0xff);
            int type = sample[at + 4] & 0x1f;
            if (type == 7 || type == 8) out.write(sample, at, 4 + length);
            at += 4 + length;
        }
        byte[] sets = out.toByteArray();
        assertTrue(sets.length > 0, "the fragment carries its parameter sets");
        return sets;
    }

    /** An avcC of one SPS and one PPS cut from an Annex B header. */
    private static byte[] avcc(byte[] annexB) {
        java.util.List<byte[]> nals = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i + 2 < annexB.length; i++) {
            if (annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1) {
                if (start >= 0) nals.add(trimmed(annexB, start, i));
                start = i + 3;
                i += 2;
            }
        }
        if (start >= 0) nals.add(trimmed(annexB, start, annexB.length));
        byte[] sps = nals.stream().filter(n -> (n[0] & 0x1f) == 7).findFirst().orElseThrow();
        byte[] pps = nals.stream().filter(n -> (n[0] & 0x1f) == 8).findFirst().orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(sps[1]);
        out.write(sps[2]);
        out.write(sps[3]);
        out.write(0xff);
        out.write(0xe1);
        out.write(sps.length >> 8);
        out.write(sps.length & 0xff);
        out.write(sps, 0, sps.length);
        out.write(1);
        out.write(pps.length >> 8);
        out.write(pps.length & 0xff);
        out.write(pps, 0, pps.length);
        return out.toByteArray();
    }

    private static byte[] trimmed(byte[] data, int from, int to) {
        while (to > from && data[to - 1] == 0) to--;
        return Arrays.copyOfRange(data, from, to);
    }
}
