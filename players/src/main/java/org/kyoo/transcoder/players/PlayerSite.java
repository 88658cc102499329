package org.kyoo.transcoder.players;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * What a browser loads: the player page and hls.js under {@code /player/}, and every other path
 * passed on to the transcoder, as Kyoo's gateway does, so the page and the HLS share one origin (no
 * CORS) and the player reaches the server only through the URIs it is given. Loopback only.
 */
public final class PlayerSite implements AutoCloseable {
    public static final String PAGE = "/player/index.html";
    private static final String WEB = "/org/kyoo/transcoder/players/web/";

    private final Undertow undertow;
    private final int port;

    private PlayerSite(Undertow undertow) {
        this.undertow = undertow;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** @param transcoderPort the transcoder's port on 127.0.0.1 */
    public static PlayerSite start(int transcoderPort) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                .addHost(URI.create("http://127.0.0.1:" + transcoderPort))
                .setConnectionsPerThread(8);
        // a segment may be answered after up to 60 s of encoding
        HttpHandler proxy = ProxyHandler.builder().setProxyClient(client).setMaxRequestTime(120_000).build();
        byte[] page = resource("index.html");
        byte[] hlsJs = resource("hls.min.js");
        HttpHandler site = exchange -> {
            String path = exchange.getRequestPath();
            if (path.equals(PAGE)) {
                send(exchange, "text/html; charset=utf-8", page);
            } else if (path.equals("/player/hls.min.js")) {
                send(exchange, "text/javascript", hlsJs);
            } else {
                proxy.handleRequest(exchange);
            }
        };
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(site).build();
        undertow.start();
        return new PlayerSite(undertow);
    }

    private static void send(HttpServerExchange exchange, String type, byte[] body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private static byte[] resource(String name) {
        try (InputStream in = PlayerSite.class.getResourceAsStream(WEB + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + WEB + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port} */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
