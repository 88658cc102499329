package org.kyoo.transcoder.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.kyoo.transcoder.engine.media.MediaException;
import org.kyoo.transcoder.engine.media.MediaException.Kind;

class FailureTest {
    @Test
    void requestErrorsKeepTheirStatusAndMessage() {
        assertEquals(new Failure(400, "Invalid quality 9p.", false), Failure.of(HttpError.badRequest("Invalid quality 9p.")));
        assertEquals(404, Failure.of(HttpError.notFound("gone")).status());
    }

    @Test
    void mediaErrorsMapByKind() {
        assertEquals(404, Failure.of(new MediaException(Kind.NOT_FOUND, "x")).status());
        assertEquals(400, Failure.of(new MediaException(Kind.BAD_REQUEST, "x")).status());
        assertEquals(422, Failure.of(new MediaException(Kind.NOT_MEDIA, "x")).status());
        assertEquals(422, Failure.of(new MediaException(Kind.UNREADABLE, "x")).status());
        assertEquals(422, Failure.of(new MediaException(Kind.NO_STREAMS, "x")).status());
        assertEquals(503, Failure.of(new MediaException(Kind.TIMEOUT, "x")).status());
        assertEquals(404, Failure.of(new MediaException(Kind.NO_VIDEO, "x")).status());
        assertEquals("not media: random.mkv", Failure.of(new MediaException(Kind.NOT_MEDIA, "not media: random.mkv")).message());
    }

    @Test
    void futureWrappersAreSeenThrough() {
        MediaException missing = new MediaException(Kind.NOT_FOUND, "gone");
        assertEquals(404, Failure.of(new CompletionException(new ExecutionException(missing))).status());
        assertEquals(503, Failure.of(new CompletionException(new TimeoutException())).status());
    }

    @Test
    void anythingElseIsAnUnexpected500WithAGenericMessage() {
        Failure failure = Failure.of(new NullPointerException("secret internals"));
        assertEquals(500, failure.status());
        assertEquals("Internal server error", failure.message());
        assertTrue(failure.unexpected());
        assertFalse(Failure.of(HttpError.badRequest("x")).unexpected());
    }
}
