package org.kyoo.transcoder.engine.testmedia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Damaged copies of good files, as disks, networks and interrupted copies leave them: flipped
 * bytes, a cut-off tail, a zeroed span, two spans swapped. Seeded: the same seed makes the same
 * damage, so a failure found by a long run can be replayed.
 */
public final class Damage {
    public enum Kind { FLIP, TRUNCATE, ZERO, SHUFFLE }

    private Damage() {}

    /** The damaged bytes; {@code original} is left as it is. */
    public static byte[] apply(byte[] original, Kind kind, long seed) {
        Random random = new Random(seed);
        byte[] b = original.clone();
        int length = b.length;
        if (length < 16) return b;
        switch (kind) {
            case FLIP -> {
                int flips = 1 + random.nextInt(32);
                for (int i = 0; i < flips; i++) b[random.nextInt(length)] ^= (byte) (1 + random.nextInt(255));
            }
            case TRUNCATE -> b = Arrays.copyOf(b, length / 10 + random.nextInt(length * 8 / 10));
            case ZERO -> {
                int span = Math.min(length / 4, 1 + random.nextInt(64 * 1024));
                int from = random.nextInt(length - span);
                Arrays.fill(b, from, from + span, (byte) 0);
            }
            case SHUFFLE -> {
                int span = Math.min(length / 4, 1 + random.nextInt(32 * 1024));
                int a = random.nextInt(length - span);
                int c = random.nextInt(length - span);
                byte[] first = Arrays.copyOfRange(original, a, a + span);
                System.arraycopy(original, c, b, a, span);
                System.arraycopy(first, 0, b, c, span);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
        return b;
    }

    /** Writes a damaged copy of {@code source} into {@code dir}, named for what was done, and returns it. */
    public static Path copy(Path source, Kind kind, long seed, Path dir) {
        try {
            String name = source.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String damaged = (dot < 0 ? name : name.substring(0, dot)) + "-" + kind.name().toLowerCase() + "-" + seed
                    + (dot < 0 ? "" : name.substring(dot));
            return Files.write(dir.resolve(damaged), apply(Files.readAllBytes(source), kind, seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
