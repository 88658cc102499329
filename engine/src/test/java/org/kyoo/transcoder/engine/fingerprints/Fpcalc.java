package org.kyoo.transcoder.engine.fingerprints;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code fpcalc} (package {@code libchromaprint-tools}, which {@code .ci/run} installs):
 * Chromaprint's own command, the reference our fingerprints are compared with.
 */
final class Fpcalc {
    static final Path COMMAND = Path.of("/usr/bin/fpcalc");

    private Fpcalc() {}

    /** The raw fingerprint fpcalc computes for all of {@code file} with algorithm {@code number} (its numbering). */
    static int[] raw(Path file, int number) throws IOException, InterruptedException {
        if (!Files.isExecutable(COMMAND)) {
            fail("The fingerprint comparison needs Debian's fpcalc: apt-get install libchromaprint-tools (.ci/run does, as root)");
        }
        Process process = new ProcessBuilder(COMMAND.toString(), "-raw", "-length", "0", "-algorithm", String.valueOf(number),
                file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
        // fpcalc 1.5.1 on FFmpeg 5 reports the decoder's end of file as a read error (exit code 3)
        // after printing the whole fingerprint
        if (process.exitValue() != 0) assertTrue(out.contains("Error decoding audio frame (End of file)"), out);
        String line = out.lines().filter(l -> l.startsWith("FINGERPRINT=")).findFirst()
                .orElseThrow(() -> new AssertionError("no fingerprint from fpcalc: " + out));
        return Arrays.stream(line.substring("FINGERPRINT=".length()).split(","))
                .mapToInt(v -> (int) Long.parseLong(v)).toArray();
    }

    /** {@code samples} as a mono 16-bit WAV at Chromaprint's rate, which fpcalc reads without resampling. */
    static Path wav(short[] samples, int count, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * count).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * count).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(Chromaprint.SAMPLE_RATE).putInt(2 * Chromaprint.SAMPLE_RATE).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * count);
        for (int i = 0; i < count; i++) b.putShort(samples[i]);
        return Files.write(file, b.array());
    }

    /** Differing bits over the values both have. */
    static long differingBits(int[] ours, int[] theirs) {
        long bits = 0;
        for (int i = 0; i < Math.min(ours.length, theirs.length); i++) bits += Integer.bitCount(ours[i] ^ theirs[i]);
        return bits;
    }
}
