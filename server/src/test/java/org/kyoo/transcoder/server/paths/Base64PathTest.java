package org.kyoo.transcoder.server.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.server.http.HttpError;

class Base64PathTest {
    // chosen so its standard encoding holds both '+' and '/', and needs padding
    private static final String PATH = "/video/Movies/Ça va?>>~.mkv";

    private static byte[] bytes() {
        return PATH.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesStandardPadded() {
        String standard = Base64.getEncoder().encodeToString(bytes());
        assertEquals(true, standard.contains("/") || standard.contains("+"), standard);
        assertEquals(PATH, Base64Path.decode(standard));
    }

    @Test
    void decodesStandardUnpadded() {
        assertEquals(PATH, Base64Path.decode(Base64.getEncoder().withoutPadding().encodeToString(bytes())));
    }

    @Test
    void decodesUrlSafePaddedAndUnpadded() {
        assertEquals(PATH, Base64Path.decode(Base64.getUrlEncoder().encodeToString(bytes())));
        assertEquals(PATH, Base64Path.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes())));
    }

    @Test
    void decodesAPercentEncodedSlashOfTheStandardAlphabet() {
        String standard = Base64.getEncoder().encodeToString("/video/a?b>".getBytes(StandardCharsets.UTF_8));
        assertEquals("/video/a?b>", Base64Path.decode(standard.replace("/", "%2F")));
    }

    @Test
    void encodeIsUrlSafeAndRoundTrips() {
        String encoded = Base64Path.encode(PATH);
        assertEquals(false, encoded.contains("/") || encoded.contains("+") || encoded.contains("="));
        assertEquals(PATH, Base64Path.decode(encoded));
    }

    @Test
    void rejectsWhatIsNotBase64() {
        for (String bad : new String[] {"", "not base64!", "abc*", "a", "ab=c", "L3ZpZGVv===="}) {
            HttpError error = assertThrows(HttpError.class, () -> Base64Path.decode(bad), bad);
            assertEquals(400, error.status());
        }
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        String encoded = Base64.getUrlEncoder().encodeToString(new byte[] {'/', (byte) 0xff, (byte) 0xfe});
        assertEquals(400, assertThrows(HttpError.class, () -> Base64Path.decode(encoded)).status());
    }
}
