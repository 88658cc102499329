package org.kyoo.transcoder.server.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.server.http.HttpError;

class SafeRootTest {
    @TempDir
    Path dir;
    Path root;
    Path movie;
    SafeRoot safe;

    @BeforeEach
    void files() throws IOException {
        root = Files.createDirectories(dir.resolve("video"));
        movie = Files.writeString(Files.createDirectories(root.resolve("movies")).resolve("a.mkv"), "x");
        Files.writeString(Files.createDirectories(dir.resolve("video2")).resolve("b.mkv"), "x");
        Files.writeString(dir.resolve("secret.mkv"), "x");
        safe = new SafeRoot(root);
    }

    private int status(String requested) {
        return assertThrows(HttpError.class, () -> safe.check(requested)).status();
    }

    @Test
    void acceptsAFileUnderTheRootWithItsShaAndRealPath() throws IOException {
        RequestedFile file = safe.check(movie.toString());
        assertEquals(movie.toRealPath(), file.path());
        assertTrue(file.sha().startsWith(org.kyoo.transcoder.engine.media.FileIdentity.VERSION), file.sha());
    }

    @Test
    void resolvesTheBase64Parameter() throws IOException {
        assertEquals(movie.toRealPath(), safe.resolve(Base64Path.encode(movie.toString())).path());
    }

    @Test
    void acceptsDotDotThatStaysInside() throws IOException {
        assertEquals(movie.toRealPath(), safe.check(root + "/movies/../movies/a.mkv").path());
    }

    @Test
    void rejectsARelativePath() {
        assertEquals(400, status("video/movies/a.mkv"));
    }

    @Test
    void rejectsAPathOutsideTheRoot() {
        assertEquals(400, status(dir.resolve("secret.mkv").toString()));
    }

    @Test
    void rejectsASiblingFolderSharingTheRootsPrefix() {
        assertEquals(400, status(dir.resolve("video2/b.mkv").toString()));
    }

    @Test
    void rejectsDotDotLeavingTheRoot() {
        assertEquals(400, status(root + "/../secret.mkv"));
        assertEquals(400, status(root + "/movies/../../video2/b.mkv"));
    }

    @Test
    void rejectsASymlinkLeadingOut() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("escape.mkv"), dir.resolve("secret.mkv"));
        assertEquals(400, status(link.toString()));
        Path folderLink = Files.createSymbolicLink(root.resolve("elsewhere"), dir.resolve("video2"));
        assertEquals(400, status(folderLink.resolve("b.mkv").toString()));
    }

    @Test
    void acceptsASymlinkStayingInside() throws IOException {
        Path link = Files.createSymbolicLink(root.resolve("alias.mkv"), movie);
        assertEquals(movie.toRealPath(), safe.check(link.toString()).path());
    }

    @Test
    void answersNotFoundForAMissingFileUnderTheRoot() {
        assertEquals(404, status(root.resolve("missing.mkv").toString()));
    }

    @Test
    void answersNotFoundForAFolder() {
        assertEquals(404, status(root.resolve("movies").toString()));
    }

    @Test
    void acceptsARootThatIsItselfASymlink() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("library"), root);
        SafeRoot viaLink = new SafeRoot(linkedRoot);
        assertEquals(movie.toRealPath(), viaLink.check(linkedRoot.resolve("movies/a.mkv").toString()).path());
        assertEquals(movie.toRealPath(), viaLink.check(movie.toString()).path());
    }

    @Test
    void namesOfExtractedFilesAreOnePlainComponent() {
        assertEquals("font.ttf", SafeRoot.checkName("font.ttf"));
        for (String bad : new String[] {"", "../x", "a/b", "..", "a..b", "a\\b"}) {
            assertEquals(400, assertThrows(HttpError.class, () -> SafeRoot.checkName(bad), bad).status());
        }
    }
}
