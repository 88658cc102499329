package org.kyoo.transcoder.engine.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChapterTypesTest {
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "Opening | intro", "OP | intro", "OP2 | intro", "Intro | intro", "Introduction | intro",
        "Générique | intro", "GENERIQUE | intro", "Vorspann | intro", "Sigla iniziale | intro",
        "Opening Credits | intro", "オープニング | intro",
        "Ending | credits", "ED | credits", "ED1 | credits", "Credits | credits", "End Credits | credits",
        "Générique de fin | credits", "Crédits | credits", "Abspann | credits", "Outro | credits",
        "エンディング | credits",
        "Recap | recap", "Previously on | recap", "Résumé | recap", "Was bisher geschah | recap",
        "Preview | preview", "Next Episode | preview", "Aperçu | preview", "Prochain épisode | preview",
        "Vorschau | preview", "次回予告 | preview",
        "Story | content", "Chapter 3 | content", "Part A | content", "Bed scene | content",
        "Operation | content", "Editor's cut | content", "'' | content", "NULL | content",
    })
    void aChapterIsTypedFromItsName(String name, String type) {
        assertEquals(type, ChapterTypes.of(name));
    }
}
