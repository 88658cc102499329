package org.kyoo.transcoder.engine.media;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON form of {@link MediaInfo}: SPEC's field names, nulls written out as the original did. */
public final class MediaInfoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            // info.json files written by a later version may carry more fields.
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private MediaInfoJson() {}

    public static String write(MediaInfo info) {
        try {
            return MAPPER.writeValueAsString(info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writePretty(MediaInfo info) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MediaInfo read(String json) throws IOException {
        return MAPPER.readValue(json, MediaInfo.class);
    }
}
