package org.kyoo.transcoder.server.playlists;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The request's query string, carried into every URI a playlist or the info writes: a player that
 * names itself with {@code ?clientId=} (Kyoo's front-end, native players that cannot set headers)
 * only ever follows those URIs, so the id, and whatever a gateway added, must survive every hop
 * (the original's {@code getQuery}).
 */
public record LinkQuery(String query) {
    public static final LinkQuery NONE = new LinkQuery("");

    public LinkQuery {
        query = query == null ? "" : safe(query);
    }

    /** {@code uri} followed by the query, if there is one. */
    public String on(String uri) {
        return query.isEmpty() ? uri : uri + "?" + query;
    }

    /**
     * The raw query as the client sent it, minus what would break a playlist line or a quoted
     * attribute (a double quote, white space, controls, non-ASCII): percent-encoded, so the next
     * request decodes to the same parameters.
     */
    private static String safe(String raw) {
        StringBuilder s = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            if (c > ' ' && c < 0x7f && c != '"') {
                s.append((char) c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    s.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
            }
        });
        return s.toString();
    }
}
