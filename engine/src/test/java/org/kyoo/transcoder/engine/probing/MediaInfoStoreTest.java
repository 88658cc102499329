package org.kyoo.transcoder.engine.probing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.testmedia.TestMedia;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaInfo;
import org.kyoo.transcoder.engine.media.MediaInfoJson;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.storage.MetadataFiles;

class MediaInfoStoreTest {
    @TempDir
    Path tmp;

    private MediaInfoStore store() {
        return new MediaInfoStore(new LocalStore(tmp.resolve("metadata")));
    }

    @Test
    void infoIsSavedAsJsonWithTheContractsFieldNames() throws Exception {
        Path mkv = TestMedia.multiTrackMkv().path();
        MediaInfo info = store().get(mkv, "sha1");
        Path saved = tmp.resolve("metadata/sha1/info.json");
        assertTrue(Files.exists(saved));
        JsonNode json = new ObjectMapper().readTree(saved.toFile());
        for (String field : List.of("sha", "path", "extension", "mimeCodec", "size", "duration", "container", "video",
                "videos", "audios", "subtitles", "fonts", "chapters")) {
            assertTrue(json.has(field), field);
        }
        assertEquals("sha1", json.get("sha").asText());
        JsonNode audio = json.get("audios").get(0);
        assertTrue(audio.get("isDefault").asBoolean());
        assertFalse(audio.get("isForced").asBoolean());
        assertTrue(json.get("audios").get(1).get("title").isNull(), "a missing title is null, as the original wrote it");
        assertEquals("Opening", json.get("chapters").get(0).get("name").asText());
        assertEquals(0.0, json.get("chapters").get(0).get("startTime").asDouble());
        assertTrue(json.get("subtitles").get(1).get("isForced").asBoolean());
        assertEquals(info, MediaInfoJson.read(Files.readString(saved)));
    }

    @Test
    void savedInfoIsUsedWithoutOpeningTheFile() throws Exception {
        Path mkv = TestMedia.multiTrackMkv().path();
        MediaInfo real = store().get(mkv, "sha2");
        // A new store (a restart) answers from info.json without touching the file (here: a path that never existed).
        MediaInfo saved = new MediaInfoStore(new LocalStore(tmp.resolve("metadata")))
                .get(tmp.resolve("never-existed.mkv"), "sha2");
        assertEquals(real, saved);
    }

    @Test
    void theSavedInfoHoldsNoLinkButTheFontsNames() throws Exception {
        store().get(TestMedia.multiTrackMkv().path(), "sha6");
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("metadata/sha6/info.json").toFile());
        assertTrue(json.get("subtitles").get(0).get("link").isNull(), json.get("subtitles").toString());
        assertEquals(TestMedia.multiTrackMkv().spec().attachments().get(0).filename(), json.get("fonts").get(0).asText());
    }

    @Test
    void anInfoJsonSavedWithLinksIsProbedAgainOnce() throws Exception {
        Path mkv = TestMedia.multiTrackMkv().path();
        MediaInfo probed = store().get(mkv, "sha7");
        Path saved = tmp.resolve("metadata/sha7/info.json");
        // as the engine wrote it while it built the links itself
        Files.writeString(saved, Files.readString(saved)
                .replace("\"link\":null", "\"link\":\"/video/L3YvYS5ta3Y=/subtitle/0.srt\"")
                .replace("\"fonts\":[\"", "\"fonts\":[\"/video/L3YvYS5ta3Y=/attachment/"));
        assertEquals(probed, store().get(mkv, "sha7"), "probed again: no link from an old info.json");
        assertFalse(Files.readString(saved).contains("L3YvYS5ta3Y="), "saved again without links");
    }

    @Test
    void aProbeSavesTheKeyframesTheContainerIndexGaveForFree() throws Exception {
        store().get(TestMedia.mp4().path(), "kf1");
        double[] saved = MetadataFiles.readKeyframes(tmp.resolve("metadata/kf1/keyframes.json"));
        assertEquals(TestMedia.mp4().spec().video().keyframes().length, saved.length);
        store().get(TestMedia.mpegTsOffset().path(), "kf2");
        assertFalse(Files.exists(tmp.resolve("metadata/kf2/keyframes.json")), "MPEG-TS has no index: left to the scan");
    }

    @Test
    void aFailedProbeIsNotCachedAndSaysWhy() throws Exception {
        MediaInfoStore store = store();
        Path file = tmp.resolve("later.mkv");
        MediaException missing = assertThrows(MediaException.class, () -> store.get(file, "sha3"));
        assertEquals(MediaException.Kind.NOT_FOUND, missing.kind());
        Files.copy(TestMedia.randomBytes(), file);
        MediaException notMedia = assertThrows(MediaException.class, () -> store.get(file, "sha3"));
        assertEquals(MediaException.Kind.NOT_MEDIA, notMedia.kind());
        assertFalse(Files.exists(tmp.resolve("metadata/sha3/info.json")));
        Files.copy(TestMedia.mp4().path(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, store.get(file, "sha3").audios().size());
    }

    @Test
    void concurrentCallersShareOneProbe() throws Exception {
        MediaInfoStore store = store();
        Path mkv = TestMedia.multiTrackMkv().path();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<MediaInfo>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) answers.add(pool.submit(() -> {
                start.await();
                return store.get(mkv, "sha4");
            }));
            start.countDown();
            MediaInfo first = answers.get(0).get();
            // One probe makes one object: every caller holds the very same one.
            for (Future<MediaInfo> answer : answers) assertSame(first, answer.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCallersAllHearTheFailure() throws Exception {
        MediaInfoStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MediaException.Kind>> kinds = new ArrayList<>();
            for (int i = 0; i < 4; i++) kinds.add(pool.submit(() -> {
                try {
                    store.get(TestMedia.text(), "sha5");
                    return null;
                } catch (MediaException e) {
                    return e.kind();
                }
            }));
            for (Future<MediaException.Kind> kind : kinds) assertEquals(MediaException.Kind.NOT_MEDIA, kind.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
