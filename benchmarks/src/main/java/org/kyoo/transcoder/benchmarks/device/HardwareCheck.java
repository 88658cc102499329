package org.kyoo.transcoder.benchmarks.device;

import static org.bytedeco.ffmpeg.global.avfilter.avfilter_get_by_name;
import static org.bytedeco.ffmpeg.global.avutil.av_version_info;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bytedeco.ffmpeg.avfilter.AVFilter;
import org.kyoo.transcoder.engine.av.Av;
import org.kyoo.transcoder.engine.hardware.CudaProfile;
import org.kyoo.transcoder.engine.testmedia.Formats;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * What the nvidia profile does on a real GPU, in-process, for the device check bundle
 * ({@code scripts/device/make-bundle.sh}). Each mode writes a Markdown section to a file and to
 * stdout, and exits 0 whenever it could report (a missing GPU is a finding, not a failure).
 *
 * <pre>
 * HardwareCheck media DIR               makes the check's media in DIR, prints their paths
 * HardwareCheck device DIR REPORT       driver libraries, filters, NVDEC decode + filter chain + NVENC per file
 * HardwareCheck http URL REPORT FILE... /ready, /info, master playlist, 720p segment 0 per file from a server
 * </pre>
 */
public final class HardwareCheck {
    /** The NVIDIA driver's libraries FFmpeg opens at run time: CUDA, NVDEC (cuvid), NVENC. */
    static final List<String> DRIVER_LIBRARIES = List.of("libcuda.so.1", "libnvcuvid.so.1", "libnvidia-encode.so.1");
    /** Filters a device chain may use, and the CUDA ones this FFmpeg lacks (transpose_cuda, scale_npp). */
    static final List<String> FILTERS = List.of("scale_cuda", "bwdif_cuda", "yadif_cuda", "transpose_cuda",
            "transpose_npp", "scale_npp", "hwupload", "hwupload_cuda", "hwdownload", "transpose_vaapi",
            "deinterlace_vaapi", "vpp_qsv", "deinterlace_qsv");

    private HardwareCheck() {}

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("media")) {
            for (Path p : media(Path.of(args[1]))) System.out.println(p);
        } else if (args.length == 3 && args[0].equals("device")) {
            write(Path.of(args[2]), device(Path.of(args[1])));
        } else if (args.length >= 4 && args[0].equals("http")) {
            List<Path> files = new ArrayList<>();
            for (int i = 3; i < args.length; i++) files.add(Path.of(args[i]));
            write(Path.of(args[2]), http(args[1], files));
        } else {
            System.err.println("usage: HardwareCheck (media DIR | device DIR REPORT | http URL REPORT FILE...)");
            System.exit(2);
        }
    }

    /** The check's files: H.264 1080p, HEVC 8- and 10-bit, interlaced MPEG-2, a 90°-turned phone clip, 4:2:2 H.264. */
    static List<Path> media(Path dir) {
        System.setProperty("test.media.dir", dir.toAbsolutePath().toString());
        Map<String, Supplier<Path>> wanted = new LinkedHashMap<>();
        wanted.put("h264 1080p", () -> TestMedia.long1080p(6, 2).path());
        for (Formats.Format f : Formats.withVideo()) {
            if (List.of("hevc.mp4", "hevc-10bit.mkv", "broadcast-interlaced-two-programs.ts", "phone-rotated-90.mp4",
                    "h264-422-10bit.mkv").contains(f.name())) {
                wanted.put(f.name(), f.file());
            }
        }
        List<Path> files = new ArrayList<>();
        for (Supplier<Path> file : wanted.values()) files.add(file.get());
        return files;
    }

    static String device(Path dir) {
        StringBuilder md = new StringBuilder("## In-process check (libav, nvidia profile)\n\n");
        Av.load();
        md.append("- FFmpeg ").append(av_version_info().getString()).append('\n');
        md.append("- filters in this build:");
        for (String name : FILTERS) {
            AVFilter f = avfilter_get_by_name(name);
            md.append(' ').append(name).append(f != null && !f.isNull() ? " yes," : " **no**,");
        }
        md.setLength(md.length() - 1);
        md.append('\n');
        for (String library : DRIVER_LIBRARIES) md.append("- ").append(library).append(": ").append(loadLibrary(library)).append('\n');

        md.append("- the server's start-up (`CudaProfile.open`, which opens h264_nvenc once): ");
        try (CudaProfile profile = CudaProfile.open()) {
            md.append("opens (").append(profile.deviceDescription()).append(")\n");
        } catch (RuntimeException e) {
            md.append("refuses:\n\n  > ").append(e.getMessage()).append("\n\n");
        }

        List<Path> files = media(dir);
        CudaProfile profile;
        try {
            profile = CudaProfile.openWithoutEncoderCheck();
        } catch (RuntimeException e) {
            md.append("\n**No CUDA device**: ").append(e.getMessage()).append("\n\nNo decode checks ran (").append(files.size())
                    .append(" media files were made).\n");
            return md.toString();
        }
        try (profile) {
            md.append("- CUDA device opened: ").append(profile.deviceDescription()).append("\n\n");
            md.append("| file | codec | source | turn | interlaced | frames decoded | on the GPU (NVDEC) | software | 720p out |"
                    + " expected | format | luma min-max | h264_nvenc | packets | ms | verdict |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            List<DecodeCheckResult> results = new ArrayList<>();
            for (Path file : files) {
                DecodeCheckResult r = DeviceDecodeCheck.run(profile, file);
                results.add(r);
                md.append("| ").append(r.file).append(" | ").append(r.codec).append(" | ").append(r.sourceSize)
                        .append(" | ").append(r.clockwise).append(" | ").append(r.interlaced)
                        .append(" | ").append(r.decoded).append(" | ").append(r.onDevice)
                        .append(" | ").append(r.softwareFormat == null ? "-" : r.softwareFormat)
                        .append(" | ").append(r.outputSize).append(" | ").append(r.expectedSize)
                        .append(" | ").append(r.outputFormat)
                        .append(" | ").append(r.lumaMin).append('-').append(r.lumaMax)
                        .append(" | ").append(r.encoderOpen >= 0 ? "opened" : Av.errorText(r.encoderOpen) + " (" + r.encoderOpen + ")")
                        .append(" | ").append(r.packets).append(" | ").append(r.millis)
                        .append(" | ").append(verdict(r)).append(" |\n");
            }
            md.append("\nFilter chains as built:\n\n");
            for (DecodeCheckResult r : results) {
                md.append("- ").append(r.file).append(": `").append(r.chain).append('`');
                if (r.error != null) md.append("\n  - error: ").append(r.error);
                md.append('\n');
            }
        }
        return md.toString();
    }

    /** PASS when frames came out at the expected size, on the device, not blank; the encoder is reported apart. */
    static String verdict(DecodeCheckResult r) {
        List<String> problems = new ArrayList<>();
        if (r.error != null) problems.add("error");
        if (r.decoded == 0) problems.add("nothing decoded");
        if (r.filtered == 0) problems.add("nothing filtered");
        if (!r.outputSize.equals(r.expectedSize)) problems.add("size");
        if (!r.outputFormat.equals("cuda")) problems.add("not on the GPU");
        if (r.filtered > 0 && r.blank()) problems.add("blank picture");
        String fallback = r.decoded > 0 && r.onDevice < r.decoded ? " (decoded in software, uploaded)" : "";
        return (problems.isEmpty() ? "PASS" : "FAIL: " + String.join(", ", problems)) + fallback;
    }

    /** Where the dynamic loader would find {@code library}, and whether it loads into this process. */
    static String loadLibrary(String library) {
        List<String> folders = new ArrayList<>();
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path != null) folders.addAll(List.of(path.split(":")));
        folders.addAll(List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
                "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/local/cuda/compat", "/usr/lib/wsl/lib"));
        for (String folder : folders) {
            if (folder.isBlank()) continue;
            Path candidate = Path.of(folder, library);
            if (!Files.exists(candidate)) continue;
            try {
                System.load(candidate.toAbsolutePath().toString());
                return "loads (" + candidate + ")";
            } catch (Throwable e) {
                return "found at " + candidate + " but does not load: " + e.getMessage();
            }
        }
        return "**not found** (searched " + String.join(", ", folders.stream().filter(f -> !f.isBlank()).toList()) + ")";
    }

    static String http(String base, List<Path> files) {
        StringBuilder md = new StringBuilder();
        HttpCheck check = new HttpCheck(base);
        md.append("| file | request | status | type | bytes | ms | body |\n|---|---|---|---|---|---|---|\n");
        for (Path file : files) {
            for (HttpCheck.Answer a : check.check(file, 60)) {
                md.append("| ").append(file.getFileName()).append(" | ").append(a.what()).append(" | ")
                        .append(a.status() < 0 ? "no answer" : String.valueOf(a.status())).append(" | ").append(a.type())
                        .append(" | ").append(a.bytes()).append(" | ").append(a.millis()).append(" | ")
                        .append(a.excerpt().replace("|", "\\|")).append(" |\n");
            }
        }
        return md.toString();
    }

    private static void write(Path report, String markdown) throws IOException {
        Files.writeString(report, markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
    }
}
