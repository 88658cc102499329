package org.kyoo.transcoder.engine.hardware;

import static org.bytedeco.ffmpeg.global.avutil.AV_HWDEVICE_TYPE_CUDA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_hwdevice_ctx_alloc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.av.Av;

/**
 * A GPU whose device opens but which cannot encode (no NVENC on an H100) is refused at start-up with
 * a message naming the encoder, the GPU and what to use instead, not at the first segment.
 */
class EncoderProbeTest {
    @Test
    void aSoftwareEncoderOpensOnTheProbesPicture() {
        assertEquals(0, EncoderProbe.open("libx264", AV_PIX_FMT_YUV420P, null));
    }

    @Test
    void anEncoderMissingFromThisBuildIsNamedAsSuch() {
        int rc = EncoderProbe.open("h264_nonexistent", AV_PIX_FMT_YUV420P, null);
        assertEquals(EncoderProbe.ENCODER_NOT_FOUND, rc);
        assertEquals("Encoder not found", Av.errorText(rc));
    }

    /**
     * Here there is no NVIDIA driver: h264_nvenc fails to open with libav's error, and the JVM lives on.
     * The device context is allocated, never initialised: only safe where nvenc cannot load libcuda, so
     * skipped wherever libcuda.so.1 is found (WSL2 and containers have it without /proc/driver/nvidia).
     */
    @Test
    void nvencWithoutADriverFailsWithAnErrorCode() {
        assumeTrue(!Files.exists(NvidiaGpus.DRIVER_FOLDER), "an NVIDIA driver is present");
        assumeTrue(!cudaLibraryPresent(), "libcuda.so.1 is present");
        Av.load();
        try (HardwareDevice unopened = new HardwareDevice("nvidia", "unopened cuda",
                Av.checkAlloc(av_hwdevice_ctx_alloc(AV_HWDEVICE_TYPE_CUDA), "av_hwdevice_ctx_alloc"))) {
            assertTrue(EncoderProbe.open("h264_nvenc", AV_PIX_FMT_NV12, unopened) < 0);
        }
    }

    /** libcuda.so.1 where the dynamic loader would find it: its cache, LD_LIBRARY_PATH, the usual folders. */
    private static boolean cudaLibraryPresent() {
        List<String> folders = new java.util.ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/lib/x86_64-linux-gnu", "/usr/lib/wsl/lib", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib"));
        String extra = System.getenv("LD_LIBRARY_PATH");
        if (extra != null) folders.addAll(List.of(extra.split(":")));
        for (String folder : folders) {
            if (!folder.isEmpty() && Files.exists(Path.of(folder, "libcuda.so.1"))) return true;
        }
        try {
            Path cache = Path.of("/etc/ld.so.cache");
            return Files.exists(cache)
                    && new String(Files.readAllBytes(cache), java.nio.charset.StandardCharsets.ISO_8859_1).contains("libcuda.so.1");
        } catch (IOException e) {
            return true; // cannot tell: do not risk the JVM
        }
    }

    @Test
    void theStartUpMessageNamesTheEncoderTheGpuAndTheAlternative() {
        String message = CudaProfile.noEncoder("cuda on the default device", -38, List.of("NVIDIA H200"));
        assertTrue(message.startsWith("Hardware profile nvidia cannot encode: h264_nvenc does not open on NVIDIA H200"
                + " (cuda on the default device): Function not implemented (libav error -38)."), message);
        assertTrue(message.contains("no NVENC"), message);
        assertTrue(message.contains("GOCODER_HWACCEL=disabled"), message);
        assertTrue(CudaProfile.noEncoder("cuda on the default device", -38, List.of()).contains("on the GPU ("));
    }

    @Test
    void aBuildWithoutNvencIsBlamedNotTheGpu() {
        String message = CudaProfile.noEncoder("cuda on the default device", EncoderProbe.ENCODER_NOT_FOUND,
                List.of("NVIDIA L4"));
        assertTrue(message.contains("this FFmpeg build has no h264_nvenc encoder"), message);
        assertTrue(!message.contains("no NVENC video encoder") && !message.contains("driver is older"), message);
        assertTrue(message.contains("GOCODER_HWACCEL=disabled"), message);
    }

    @Test
    void gpuModelsComeFromTheDriversInformationFiles(@TempDir Path driver) throws IOException {
        for (String bus : List.of("0000:1a:00.0", "0000:05:00.0")) {
            Files.createDirectories(driver.resolve(bus));
        }
        Files.writeString(driver.resolve("0000:05:00.0/information"),
                "Model: \t\t NVIDIA H200\nIRQ:   123\nGPU UUID: \t GPU-x\n");
        Files.writeString(driver.resolve("0000:1a:00.0/information"), "Model: \t\t NVIDIA L4\n");
        assertEquals(List.of("NVIDIA H200", "NVIDIA L4"), NvidiaGpus.models(driver));
        assertEquals(List.of(), NvidiaGpus.models(driver.resolve("absent")));
    }
}
