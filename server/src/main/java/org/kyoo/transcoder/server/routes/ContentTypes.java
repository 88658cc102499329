package org.kyoo.transcoder.server.routes;

import java.nio.file.Path;
import org.kyoo.transcoder.engine.media.MimeTypes;

/** Content types of what the server sends: its own answers' here, a file's by its extension from the one table. */
final class ContentTypes {
    static final String PLAYLIST = "application/vnd.apple.mpegurl";
    static final String SEGMENT = "video/mp2t";
    static final String PNG = "image/png";
    static final String VTT = "text/vtt";
    static final String BINARY = "application/octet-stream";

    private ContentTypes() {}

    static String of(Path file) {
        return of(file.getFileName().toString());
    }

    /** By the name's extension ({@link MimeTypes}); bytes of no known kind without one. */
    static String of(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) return BINARY;
        String type = MimeTypes.byExtension(name.substring(dot + 1));
        return type == null ? BINARY : type;
    }
}
