package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.engine.probing.MediaInfoStore;
import org.kyoo.transcoder.engine.storage.LocalStore;
import org.kyoo.transcoder.engine.testmedia.Fixture;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

/**
 * An open-GOP keyframe's segment starts where its leading pictures are shown, before the keyframe:
 * every rendition cuts there, and heads decode from the keyframe.
 */
class LeadingPicturesTest {
    @TempDir
    Path tmp;
    private KeyframeStore store;

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    @Test
    void theEarliestOfThePicturesAfterAKeyframeShownBeforeItStartsItsSegment() {
        // x265's open GOP, in decode order: the CRA at 4.000, three leading B-pictures, then trailing ones
        LeadingPictures open = new LeadingPictures();
        for (long pts : new long[] {4000, 3917, 3875, 3958, 4167, 4083}) open.next(pts, pts == 4000);
        assertEquals(4000, open.keyframe());
        assertEquals(3875, open.start());
        // a closed GOP with B-frames: the picture after the keyframe is shown after it, and so are the others
        LeadingPictures closed = new LeadingPictures();
        for (long pts : new long[] {0, 125, 42, 83, 250}) closed.next(pts, pts == 0);
        assertEquals(0, closed.start());
        // the next keyframe starts over
        closed.next(500, true);
        closed.next(460, false);
        assertEquals(460, closed.start());
        assertEquals(500, closed.keyframe());
    }

    @Test
    void anOpenGopFilesSegmentsStartAtTheirLeadingPicturesAndAreSavedSo() throws Exception {
        Fixture hevc = TestMedia.openGopHevcMkv();
        LocalStore metadata = new LocalStore(tmp.resolve("metadata"));
        store = new KeyframeStore(metadata);
        var info = new MediaInfoStore(metadata).get(hevc.path(), "open");
        KeyframeIndex index = store.get(hevc.path(), "open", info);
        index.completion().join();
        assertTrue(index.length() >= 5, "a CRA every 2 s over 12 s: " + index.length());
        assertEquals(0, index.get(0), 1e-9, "the first keyframe is an IDR");
        assertEquals(index.get(0), index.keyframe(0), 1e-9);
        for (int i = 1; i < index.length(); i++) {
            double lead = index.keyframe(i) - index.get(i);
            // up to three B-pictures (x265's bframes=3) at 25 fps are shown before each CRA
            assertTrue(lead > 0.039 && lead < 0.121, "segment " + i + " starts at its leading pictures: " + lead);
        }
        // saved, and read back as it was: a second store finds both lists without the file
        store.close();
        store = new KeyframeStore(metadata);
        KeyframeIndex saved = store.get(tmp.resolve("not-there.mkv"), "open", null);
        assertArrayEquals(index.toArray(), saved.toArray());
        assertArrayEquals(index.keyframesToArray(), saved.keyframesToArray());
    }
}
