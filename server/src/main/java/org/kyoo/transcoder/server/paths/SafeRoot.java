package org.kyoo.transcoder.server.paths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.kyoo.transcoder.engine.media.FileIdentity;
import org.kyoo.transcoder.server.http.HttpError;

/**
 * The folder whose files may be served. The check compares path components, first of the
 * normalised path, then of its real path: {@code /video2/x} is not under {@code /video}, and a
 * symlink under the root may not lead outside it.
 */
public final class SafeRoot {
    private final Path root;
    private final Path realRoot;

    /** @param root an existing folder */
    public SafeRoot(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** Decodes a {@code :path} parameter and checks the file it names. */
    public RequestedFile resolve(String base64Parameter) {
        return check(Base64Path.decode(base64Parameter));
    }

    public RequestedFile check(String requested) {
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw HttpError.badRequest("Invalid path: " + e.getReason() + ".");
        }
        if (!path.isAbsolute()) throw HttpError.badRequest("Absolute path required.");
        Path normalised = path.normalize();
        if (!normalised.startsWith(root) && !normalised.startsWith(realRoot)) throw outside();
        Path real;
        try {
            real = normalised.toRealPath();
        } catch (NoSuchFileException e) {
            throw HttpError.notFound("File does not exist.");
        } catch (IOException e) {
            throw HttpError.notFound("File cannot be read: " + e.getMessage());
        }
        if (!real.startsWith(realRoot)) throw outside();
        if (!Files.isRegularFile(real)) throw HttpError.notFound("Not a file.");
        return new RequestedFile(real, FileIdentity.sha(real));
    }

    /** Names of extracted files ({@code /attachment/:name}, {@code /subtitle/:name}): one plain component. */
    public static String checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\") || name.contains("..")
                || name.indexOf('\0') >= 0) {
            throw HttpError.badRequest("Invalid parameter. Can't contain path delimiters or ..");
        }
        return name;
    }

    private static HttpError outside() {
        return HttpError.badRequest("Selected path is not marked as safe.");
    }
}
