package org.kyoo.transcoder.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LanguagesTest {
    @Test
    void terminologyCodesBecomeTwoLetterTags() {
        assertEquals("en", Languages.toBcp47("eng"));
        assertEquals("fr", Languages.toBcp47("fra"));
        assertEquals("ja", Languages.toBcp47("jpn"));
        assertEquals("de", Languages.toBcp47("deu"));
        assertEquals("he", Languages.toBcp47("heb"));
        assertEquals("id", Languages.toBcp47("ind"));
    }

    @Test
    void bibliographicCodesMatroskaCarriesBecomeTwoLetterTags() {
        assertEquals("fr", Languages.toBcp47("fre"));
        assertEquals("de", Languages.toBcp47("ger"));
        assertEquals("nl", Languages.toBcp47("dut"));
        assertEquals("zh", Languages.toBcp47("chi"));
        assertEquals("cs", Languages.toBcp47("cze"));
        assertEquals("el", Languages.toBcp47("gre"));
        assertEquals("fa", Languages.toBcp47("per"));
        assertEquals("bo", Languages.toBcp47("tib"));
        assertEquals("sq", Languages.toBcp47("alb"));
    }

    @Test
    void undeterminedEmptyOrGarbageIsNoLanguage() {
        assertNull(Languages.toBcp47("und"));
        assertNull(Languages.toBcp47(""));
        assertNull(Languages.toBcp47("  "));
        assertNull(Languages.toBcp47(null));
        assertNull(Languages.toBcp47("12"));
        assertNull(Languages.toBcp47("english"));
    }

    @Test
    void codesWithoutTwoLetterFormAndFullTagsAreKept() {
        assertEquals("haw", Languages.toBcp47("haw"));
        assertEquals("en", Languages.toBcp47("EN"));
        assertEquals("en-US", Languages.toBcp47("en-us"));
        assertEquals("pt-BR", Languages.toBcp47("por-BR"));
    }
}
