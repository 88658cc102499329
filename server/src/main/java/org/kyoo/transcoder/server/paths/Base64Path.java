package org.kyoo.transcoder.server.paths;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.kyoo.transcoder.server.http.HttpError;

/**
 * The {@code :path} route parameter: a file path in base64, standard or URL-safe alphabet, padded or
 * not (a standard encoding can hold {@code /}, which cannot travel in one path segment unless
 * percent-encoded, so clients may use either).
 */
public final class Base64Path {
    private Base64Path() {}

    public static String decode(String parameter) {
        if (parameter == null || parameter.isEmpty()) throw HttpError.badRequest("Missing resource path.");
        // Undertow leaves an encoded slash as is in the path; it is part of a standard encoding
        String text = parameter.replace("%2F", "/").replace("%2f", "/").replace("%2B", "+").replace("%2b", "+")
                .replace("%3D", "=").replace("%3d", "=");
        String standard = text.replace('-', '+').replace('_', '/');
        int padding = standard.indexOf('=');
        if (padding >= 0) {
            // padding may only close the text, with at most two of it
            if (!standard.substring(padding).chars().allMatch(c -> c == '=') || standard.length() % 4 != 0
                    || standard.length() - padding > 2) {
                throw invalid();
            }
            standard = standard.substring(0, padding);
        }
        if (standard.length() % 4 == 1) throw invalid();
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(standard);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest("Invalid path: the decoded bytes are not UTF-8.");
        }
    }

    /** URL-safe, unpadded: what the server writes into the links it generates. */
    public static String encode(String path) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpError invalid() {
        return HttpError.badRequest("Invalid path. Should be base64 encoded.");
    }
}
