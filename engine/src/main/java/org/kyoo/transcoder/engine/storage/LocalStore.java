package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A store in a folder: the object under key {@code k} is the file {@code {root}/k}. Commits are
 * atomic moves within the folder, so a reader sees a whole object or none.
 */
public final class LocalStore implements Store {
    private final Path root;

    public LocalStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder everything is kept under. */
    public Path root() {
        return root;
    }

    /** Where the object under {@code key} is, or would be; a key leaving the folder is refused. */
    public Path fileOf(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root)) throw new IllegalArgumentException("Not a key of this store: " + key);
        return file;
    }

    @Override
    public Optional<Stored> read(String key) throws IOException {
        Path file = fileOf(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) return Optional.empty();
            return Optional.of(new Stored.LocalFile(file, attributes.size(), etag(file, attributes)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(fileOf(key));
    }

    @Override
    public Optional<byte[]> readBytes(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(fileOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String key, byte[] content) throws IOException {
        Path file = fileOf(key);
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, content);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Path scratch(String key, String writer) throws IOException {
        Path file = fileOf(key);
        Files.createDirectories(file.getParent());
        return file.resolveSibling(file.getFileName() + "." + writer + ".tmp");
    }

    @Override
    public Stored commit(String key, Path scratch) throws IOException {
        Path file = fileOf(key);
        Files.createDirectories(file.getParent());
        move(scratch, file);
        return read(key).orElseThrow(() -> new NoSuchFileException(file.toString(), null, "gone right after it was committed"));
    }

    @Override
    public Stored commitIfAbsent(String key, Path scratch) throws IOException {
        Path file = fileOf(key);
        Files.createDirectories(file.getParent());
        try {
            // a hard link fails when the name exists: the first writer's object stays, whoever comes second
            Files.createLink(file, scratch);
            Files.deleteIfExists(scratch);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(scratch);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links here (SMB, exFAT, some FUSE mounts): writers of one key are serialised by
            // their caller (a stream's init lock), so a look then a move is enough
            if (Files.exists(file)) Files.deleteIfExists(scratch);
            else move(scratch, file);
        }
        return read(key).orElseThrow(() -> new NoSuchFileException(file.toString(), null, "gone right after it was committed"));
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path folder = fileOf(prefix);
        if (!Files.exists(folder)) return;
        // a file a head deletes (its scratch) or another deletion takes while this walks is gone anyway:
        // every other file and folder is still deleted
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                deleteQuietly(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                deleteQuietly(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code path} if there (null: nothing); a failure leaves it for the next start-up's cleanup. */
    static void deleteQuietly(Path path) {
        if (path == null) return;
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a file still held open elsewhere (or a folder something was just written into) goes with
            // the next start-up's cleanup
        }
    }

    /** Empties the folder (a cache whose objects may belong to files changed since the last start). */
    public void clear() throws IOException {
        Files.createDirectories(root);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(root)) Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The file's path (which holds the source's sha), size, modification time and inode: a source
     * replaced at the same path has a new sha, hence a new path; an object made again has a new
     * time or inode.
     */
    static String etag(Path file, BasicFileAttributes attributes) {
        String identity = file.toAbsolutePath() + "\n" + attributes.size() + "\n"
                + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n" + attributes.fileKey();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            // 128 bits tell versions apart as surely as 256, in half the header
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
