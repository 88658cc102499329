package org.kyoo.transcoder.server.http;

import io.undertow.util.ETag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Validators that change whenever what is served changes, so a cache (the player's, a proxy's) that
 * revalidates is never answered with an old version.
 *
 * <p>A file's tag covers its path, which for segments and extracted files holds the source's sha
 * (the cache is keyed {@code {cache}/{sha}/...}), plus its size, modification time and inode: a
 * source replaced at the same path has a new sha, hence new paths and new tags; a segment made again
 * after eviction has a new time. A text answer's tag is its body's digest.
 */
public final class ETags {
    private ETags() {}

    /** A strong tag for the file as it is now (Range requests may use it in If-Range). */
    public static ETag of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String identity = file.toAbsolutePath() + "\n" + attributes.size() + "\n"
                + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n" + attributes.fileKey();
        return new ETag(false, digest(identity.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A weak tag for a body held in memory: weak because the same body may go out gzip-compressed
     * or not, which a strong tag would have to tell apart.
     */
    public static ETag ofText(String body) {
        return new ETag(true, digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            // 128 bits tell versions apart as surely as 256, in half the header
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
