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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a browser loads: the players' pages and scripts under {@code /player/}, and every other
 * path passed on to the transcoder, as Kyoo's gateway does, so the page and the HLS share one
 * origin (no CORS) and the player reaches the server only through the URIs it is given. Every
 * request passed on is logged with when it came and when its answer ended ({@link #requests()}).
 * Loopback only.
 */
public final class PlayerSite implements AutoCloseable {
    /** Where the pages are: {@code /player/hls.html}, {@code /player/shaka.html}. */
    public static final String PAGES = "/player/";
    private static final String WEB = "/org/kyoo/transcoder/players/web/";
    /** The files served under {@link #PAGES}, and their types. */
    private static final Map<String, String> FILES = Map.of(
            "hls.html", "text/html; charset=utf-8",
            "shaka.html", "text/html; charset=utf-8",
            "player.js", "text/javascript",
            "hls.min.js", "text/javascript",
            "shaka-player.compiled.js", "text/javascript",
            "mux.min.js", "text/javascript");

    /** One request the site passed on to the transcoder (nanoTime clock; {@code end} 0 until answered). */
    public record Request(String path, String query, long start, long end, int status) {}

    private final Undertow undertow;
    private final int port;
    private final List<Request> log = new ArrayList<>();

    private PlayerSite(Undertow undertow) {
        this.undertow = undertow;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** @param transcoderPort the transcoder's port on 127.0.0.1 */
    public static PlayerSite start(int transcoderPort) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                .addHost(URI.create("http://127.0.0.1:" + transcoderPort))
                .setConnectionsPerThread(8)
                // a request finding every connection busy waits for one, as behind a gateway: without a
                // queue the proxy itself answered 503 (hls.js asks for an fMP4 init many times over while
                // it waits on a seek's first segment)
                .setMaxQueueSize(1000);
        // a segment may be answered after up to 60 s of encoding
        HttpHandler proxy = ProxyHandler.builder().setProxyClient(client).setMaxRequestTime(120_000).build();
        Map<String, byte[]> files = new java.util.HashMap<>();
        for (String name : FILES.keySet()) files.put(name, resource(name));
        PlayerSite[] site = new PlayerSite[1];
        HttpHandler handler = exchange -> {
            String path = exchange.getRequestPath();
            String name = path.startsWith(PAGES) ? path.substring(PAGES.length()) : null;
            if (name != null && files.containsKey(name)) {
                send(exchange, FILES.get(name), files.get(name));
            } else {
                site[0].logged(exchange);
                proxy.handleRequest(exchange);
            }
        };
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
        undertow.start();
        site[0] = new PlayerSite(undertow);
        return site[0];
    }

    private void logged(HttpServerExchange exchange) {
        long start = System.nanoTime();
        String path = exchange.getRequestPath();
        String query = exchange.getQueryString();
        exchange.addExchangeCompleteListener((done, next) -> {
            synchronized (log) {
                log.add(new Request(path, query, start, System.nanoTime(), done.getStatusCode()));
            }
            next.proceed();
        });
    }

    /** Every request passed on so far whose answer ended, in the order they ended. */
    public List<Request> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
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
