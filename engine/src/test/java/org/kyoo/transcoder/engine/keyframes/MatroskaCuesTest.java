package org.kyoo.transcoder.engine.keyframes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.testmedia.TestMedia;

class MatroskaCuesTest {
    @Test
    void cuesTheSeekHeadPointsAtAreFound() {
        assertTrue(MatroskaCues.present(TestMedia.multiTrackMkv().path()));
        assertTrue(MatroskaCues.present(TestMedia.variableFrameRate().path()));
        assertTrue(MatroskaCues.present(TestMedia.manySegments().path()));
    }

    @Test
    void cuesCutOffWithTheEndOfTheFileAreNot() {
        assertFalse(MatroskaCues.present(TestMedia.truncated()));
    }

    @Test
    void otherFilesHaveNoCues() {
        assertFalse(MatroskaCues.present(TestMedia.mp4().path()));
        assertFalse(MatroskaCues.present(TestMedia.randomBytes()));
        assertFalse(MatroskaCues.present(TestMedia.empty()));
        assertFalse(MatroskaCues.present(TestMedia.dir().resolve("missing.mkv")));
    }
}
