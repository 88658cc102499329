package org.kyoo.transcoder.engine.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real bucket (a shared folder) seen through one instance: which keys it put and which it read back. */
public final class WatchedBucket implements Bucket {
    private final Bucket bucket;
    public final List<String> puts = new CopyOnWriteArrayList<>();
    public final List<String> gets = new CopyOnWriteArrayList<>();

    public WatchedBucket(Bucket bucket) {
        this.bucket = bucket;
    }

    @Override
    public boolean get(String key, Path target) throws IOException {
        boolean found = bucket.get(key, target);
        if (found) gets.add(key);
        return found;
    }

    @Override
    public void put(String key, Path source) throws IOException {
        bucket.put(key, source);
        puts.add(key);
    }

    @Override
    public boolean exists(String key) throws IOException {
        return bucket.exists(key);
    }

    @Override
    public String describe() {
        return bucket.describe();
    }
}
