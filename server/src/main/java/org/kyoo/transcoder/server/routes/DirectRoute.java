package org.kyoo.transcoder.server.routes;

import io.undertow.server.HttpServerExchange;
import org.kyoo.transcoder.server.http.Answer;
import org.kyoo.transcoder.server.http.Route;
import org.kyoo.transcoder.server.paths.RequestedFile;
import org.kyoo.transcoder.server.paths.SafeRoot;

/** {@code /:path/direct}: the file as is, with Range and HEAD. */
final class DirectRoute implements Route {
    private final SafeRoot root;

    DirectRoute(SafeRoot root) {
        this.root = root;
    }

    @Override
    public Answer answer(HttpServerExchange exchange) {
        RequestedFile file = root.resolve(RouteParams.raw(exchange, "path"));
        return new Answer.File(file.path(), ContentTypes.of(file.path()), null);
    }
}
