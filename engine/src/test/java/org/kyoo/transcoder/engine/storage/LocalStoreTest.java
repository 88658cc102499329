package org.kyoo.transcoder.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seam's contract, on its local-folder implementation. */
class LocalStoreTest {
    @TempDir Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCommittedScratchIsReadBackUnderItsKeyAndTheScratchIsGone() throws Exception {
        LocalStore store = new LocalStore(dir);
        String key = StoreKeys.segment("sha", "720p", 3, "ts");
        Path scratch = store.scratch(key, "h0");
        assertTrue(scratch.getFileName().toString().endsWith(".tmp"), "a partial object is a .tmp file");
        Files.write(scratch, bytes("segment"));
        assertFalse(store.exists(key), "nothing is visible before the commit");
        Stored stored = store.commit(key, scratch);
        assertFalse(Files.exists(scratch));
        assertEquals(Optional.of(stored.etag()), store.read(key).map(Stored::etag));
        assertEquals(7, stored.size());
        assertArrayEquals(bytes("segment"), store.readBytes(key).orElseThrow());
    }

    @Test
    void anObjectMadeAgainGetsANewTag() throws Exception {
        LocalStore store = new LocalStore(dir);
        String key = StoreKeys.segment("sha", "720p", 3, "ts");
        Path first = store.scratch(key, "h0");
        Files.write(first, bytes("same"));
        String before = store.commit(key, first).etag();
        Path second = store.scratch(key, "h1");
        Files.write(second, bytes("same"));
        assertNotEquals(before, store.commit(key, second).etag(), "a new file behind the same key and bytes");
    }

    @Test
    void theFirstOfIdenticalWritersWins() throws Exception {
        LocalStore store = new LocalStore(dir);
        String key = StoreKeys.init("sha", "fmp4-video-0-720p");
        Path a = store.scratch(key, "h0"), b = store.scratch(key, "h1");
        Files.write(a, bytes("first"));
        Files.write(b, bytes("second"));
        store.commitIfAbsent(key, a);
        store.commitIfAbsent(key, b);
        assertArrayEquals(bytes("first"), store.readBytes(key).orElseThrow());
        assertFalse(Files.exists(a) || Files.exists(b), "both scratches are gone");
    }

    @Test
    void deletingAFileVersionTakesEveryObjectUnderItAndNothingElse() throws Exception {
        LocalStore store = new LocalStore(dir);
        store.write(StoreKeys.info("one"), bytes("{}"));
        store.write(StoreKeys.segment("one", "audio-0", 0, "ts"), bytes("a"));
        store.write(StoreKeys.info("two"), bytes("{}"));
        store.deleteAll(StoreKeys.file("one"));
        assertTrue(store.read(StoreKeys.info("one")).isEmpty());
        assertTrue(store.read(StoreKeys.segment("one", "audio-0", 0, "ts")).isEmpty());
        assertTrue(store.exists(StoreKeys.info("two")));
    }

    @Test
    void aKeyCannotLeaveTheStoresFolder() {
        LocalStore store = new LocalStore(dir.resolve("store"));
        assertThrows(IllegalArgumentException.class, () -> store.read("../outside"));
        assertThrows(IllegalArgumentException.class, () -> store.write("a/../../b", bytes("x")));
    }

    @Test
    void nothingUnderAKeyReadsAsEmpty() throws Exception {
        LocalStore store = new LocalStore(dir);
        assertTrue(store.read(StoreKeys.sprite("sha")).isEmpty());
        assertTrue(store.readBytes(StoreKeys.sprite("sha")).isEmpty());
        assertFalse(store.exists(StoreKeys.sprite("sha")));
    }
}
