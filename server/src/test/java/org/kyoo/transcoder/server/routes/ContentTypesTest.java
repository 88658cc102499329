package org.kyoo.transcoder.server.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContentTypesTest {
    @Test
    void filesAreTypedByTheEnginesTableElseAsBytes() {
        assertEquals("video/x-matroska", ContentTypes.of(Path.of("/v/Film.MKV")));
        assertEquals("video/x-m4v", ContentTypes.of(Path.of("/v/clip.m4v")), "the table /info's mimeCodec uses");
        assertEquals("text/x-ssa", ContentTypes.of("1.ass"));
        assertEquals("font/woff2", ContentTypes.of("Font.woff2"));
        assertEquals(ContentTypes.BINARY, ContentTypes.of("README"));
        assertEquals(ContentTypes.BINARY, ContentTypes.of("notes.nfo"));
    }
}
