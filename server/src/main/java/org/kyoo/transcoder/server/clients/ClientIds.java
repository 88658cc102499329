package org.kyoo.transcoder.server.clients;

import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import org.kyoo.transcoder.server.http.HttpError;

/** The player's id: the {@code X-CLIENT-ID} header, else a {@code clientId} query parameter (native players cannot set headers). */
public final class ClientIds {
    public static final String HEADER = "X-CLIENT-ID";
    public static final String QUERY = "clientId";

    private ClientIds() {}

    public static String of(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(HEADER);
        if (header != null && !header.isBlank()) return header;
        Deque<String> query = exchange.getQueryParameters().get(QUERY);
        if (query != null && query.peekFirst() != null && !query.peekFirst().isBlank()) return query.peekFirst();
        throw HttpError.badRequest("Missing client id. Set the X-CLIENT-ID header (or the clientId query parameter) "
                + "to an id constant for the lifetime of the player but unique per instance.");
    }
}
