package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A bucket in a folder every instance mounts (NFS, a shared volume): copies in and out of a
 * {@link LocalStore}, each write atomic. Also what the engine's tests share between two engines.
 */
public final class FolderBucket implements Bucket {
    private final LocalStore folder;

    public FolderBucket(Path root) {
        this.folder = new LocalStore(root);
    }

    @Override
    public boolean get(String key, Path target) throws IOException {
        try {
            Files.copy(folder.fileOf(key), target, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void put(String key, Path source) throws IOException {
        Path scratch = folder.scratch(key, "put-" + Thread.currentThread().getId());
        try {
            Files.copy(source, scratch, StandardCopyOption.REPLACE_EXISTING);
            folder.commit(key, scratch);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    @Override
    public boolean exists(String key) {
        return folder.exists(key);
    }

    @Override
    public String describe() {
        return "folder " + folder.describe();
    }
}
