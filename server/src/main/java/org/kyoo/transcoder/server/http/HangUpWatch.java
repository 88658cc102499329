package org.kyoo.transcoder.server.http;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.IoUtils;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Notices a client hanging up while its answer is still being waited for. Undertow stops reading
 * an HTTP/1 connection while a request is handled, so a closed socket goes unseen until the answer
 * is written, up to a minute later; meanwhile the engine counts the request as waiting and keeps
 * its head encoding. This reads the idle connection: at its end it says so and closes it, and a
 * byte of a pipelined next request is handed back to Undertow and watching ends.
 */
final class HangUpWatch {
    private HangUpWatch() {}

    /**
     * Starts watching; {@link #stop} before the answer is written. {@code hungUp} runs on the I/O
     * thread when the client closed the connection. Other protocols (HTTP/2) are left alone.
     */
    static void start(HttpServerExchange exchange, Runnable hungUp) {
        if (!(exchange.getConnection() instanceof HttpServerConnection connection)) return;
        // an unread request body would be taken for the next request: only bodiless requests are watched
        if (!exchange.isRequestComplete()) return;
        // bytes of a pipelined next request already read: a byte handed back would go before them
        if (connection.getExtraBytes() != null) return;
        ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
        source.setReadListener(channel -> {
            ByteBuffer one = ByteBuffer.allocate(1);
            int read;
            try {
                read = channel.read(one);
            } catch (IOException e) {
                read = -1;
            }
            if (read == -1) {
                channel.suspendReads();
                IoUtils.safeClose(connection);
                hungUp.run();
            } else if (read > 0) {
                channel.suspendReads();
                PooledByteBuffer kept = connection.getByteBufferPool().allocate();
                one.flip();
                kept.getBuffer().put(one).flip();
                connection.ungetRequestBytes(kept);
            }
        });
        source.resumeReads();
    }

    /** Stops watching; Undertow's own reader takes the connection over once the answer is written. */
    static void stop(HttpServerExchange exchange) {
        if (!(exchange.getConnection() instanceof HttpServerConnection connection)) return;
        ConduitStreamSourceChannel source = connection.getChannel().getSourceChannel();
        source.suspendReads();
        source.setReadListener(null);
    }
}
