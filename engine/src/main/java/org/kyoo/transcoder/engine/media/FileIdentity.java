package org.kyoo.transcoder.engine.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache key of a file version: a version prefix plus the SHA-1 of its path and modification
 * time, and of its sidecar subtitles' names and modification times (a new or edited sidecar changes
 * the info, so it makes a new version).
 */
public final class FileIdentity {
    /** Bumped when cached outputs change shape, so old caches are ignored rather than misread. */
    // j3: video tracks carry their index, title and default flag
    public static final String VERSION = "j3-";

    private FileIdentity() {}

    public static String sha(Path path) {
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(path.toString().getBytes(StandardCharsets.UTF_8));
            sha1.update(Long.toString(modified).getBytes(StandardCharsets.UTF_8));
            sha1.update(SidecarSubtitles.fingerprint(path));
            return VERSION + HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchFileException e) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, "File does not exist: " + path);
        } catch (IOException e) {
            throw new MediaException(MediaException.Kind.UNREADABLE, "Cannot read " + path + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
