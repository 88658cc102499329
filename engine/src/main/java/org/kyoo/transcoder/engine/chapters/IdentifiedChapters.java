package org.kyoo.transcoder.engine.chapters;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.kyoo.transcoder.engine.media.MediaInfo.Chapter;

/**
 * What an identification found, kept beside the file's info: the neighbours it compared with
 * (their shas, previous then next; null where none was given) and the intros and credits found,
 * before merging with the file's own chapters (which are merged when read, so a new probe of the
 * file keeps them right).
 *
 * @param version the matching's version: a stored result of another version is computed again
 */
public record IdentifiedChapters(int version, List<String> neighbours, List<Chapter> found) {
    /** Bumped when matching changes what it finds. */
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static IdentifiedChapters of(String previousSha, String nextSha, List<Chapter> found) {
        List<String> neighbours = new ArrayList<>();
        neighbours.add(previousSha);
        neighbours.add(nextSha);
        return new IdentifiedChapters(VERSION, neighbours, List.copyOf(found));
    }

    /** Whether this is the current matching's result with these neighbours. */
    boolean answers(String previousSha, String nextSha) {
        return version == VERSION && neighbours.size() == 2
                && java.util.Objects.equals(neighbours.get(0), previousSha) && java.util.Objects.equals(neighbours.get(1), nextSha);
    }

    byte[] json() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static IdentifiedChapters read(byte[] json) throws IOException {
        return JSON.readValue(json, IdentifiedChapters.class);
    }
}
