package org.kyoo.transcoder.engine.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafeFileNameTest {
    @Test
    void plainNamesAreSingleComponentsWithoutDotDot() {
        assertTrue(SafeFileName.isPlain("0.srt"));
        assertTrue(SafeFileName.isPlain("Test Font.ttf"));
        assertTrue(SafeFileName.isPlain(".hidden.otf"));
        for (String bad : new String[] {null, "", ".", "..", "../a", "a/b", "a\\b", "a..b", "a\u0000b", "a\nb"}) {
            assertFalse(SafeFileName.isPlain(bad), String.valueOf(bad));
        }
    }

    @Test
    void anAttachmentKeepsOnlyTheLastComponentOfTheNameItClaims() {
        assertEquals(Optional.of("a.ttf"), SafeFileName.fromAttachment("fonts/a.ttf"));
        assertEquals(Optional.of("a.ttf"), SafeFileName.fromAttachment("C:\\fonts\\a.ttf"));
        assertEquals(Optional.of("passwd"), SafeFileName.fromAttachment("../../etc/passwd"));
        assertEquals(Optional.empty(), SafeFileName.fromAttachment("fonts/.."));
        assertEquals(Optional.empty(), SafeFileName.fromAttachment("fonts/"));
        assertEquals(Optional.empty(), SafeFileName.fromAttachment(null));
    }
}
