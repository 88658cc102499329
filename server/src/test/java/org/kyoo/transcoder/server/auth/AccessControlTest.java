package org.kyoo.transcoder.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kyoo.transcoder.server.FakeServer;

/**
 * With {@code JWKS_URL} set, a request needs a bearer JWT signed by a key of that JWKS, unexpired,
 * holding {@code core.play}; anything else is refused in JSON before a route starts anything.
 */
class AccessControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RSAKey signing;
    private static RSAKey stranger;
    private static RSAKey rotated;

    @TempDir
    Path dir;
    HttpServer jwks;
    final AtomicReference<JWKSet> published = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();
    FakeServer s;

    @BeforeAll
    static void keys() throws Exception {
        signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        // the same kid as the published key: what a forger would claim
        stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
    }

    @BeforeEach
    void start() throws Exception {
        published.set(new JWKSet(signing.toPublicJWK()));
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        String url = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json";
        s = new FakeServer(dir, Map.of("JWKS_URL", url));
    }

    @AfterEach
    void stop() throws Exception {
        s.close();
        jwks.stop(0);
    }

    private static String token(RSAKey key, Instant expires, List<String> permissions) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("viewer").expirationTime(Date.from(expires));
        if (permissions != null) claims.claim("permissions", permissions);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String valid(RSAKey key) throws Exception {
        return token(key, Instant.now().plusSeconds(3600), List.of("core.read", "core.play"));
    }

    private HttpResponse<String> master(String authorization) throws Exception {
        var request = s.http.request(s.m + "/master.m3u8", "player");
        if (authorization != null) request.header("Authorization", authorization);
        return s.http.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefused(int status, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
        assertEquals(1, JSON.readTree(response.body()).get("errors").size(), response.body());
        if (status == 401) assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertTrue(s.server.tracker().clients().isEmpty(), "a refused request is not a player");
        assertEquals(0, s.movieStream.pending(), "a refused request starts nothing");
    }

    @Test
    void aValidTokenPlays() throws Exception {
        HttpResponse<String> master = master("Bearer " + valid(signing));
        assertEquals(200, master.statusCode(), master.body());
        assertTrue(master.body().startsWith("#EXTM3U"));
    }

    @Test
    void noTokenIsUnauthorized() throws Exception {
        assertRefused(401, master(null));
        assertRefused(401, master("Basic dXNlcjpwYXNz"));
    }

    @Test
    void somethingThatIsNotAJwtIsUnauthorized() throws Exception {
        assertRefused(401, master("Bearer not.a.jwt"));
    }

    @Test
    void anExpiredTokenIsUnauthorized() throws Exception {
        assertRefused(401, master("Bearer " + token(signing, Instant.now().minusSeconds(3600), List.of("core.play"))));
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorized() throws Exception {
        assertRefused(401, master("Bearer " + valid(stranger)));
    }

    @Test
    void aTokenWithoutThePlayPermissionIsForbidden() throws Exception {
        assertRefused(403, master("Bearer " + token(signing, Instant.now().plusSeconds(3600), List.of("core.read"))));
        assertRefused(403, master("Bearer " + token(signing, Instant.now().plusSeconds(3600), null)));
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        assertEquals(200, master("Bearer " + valid(signing)).statusCode());
        published.set(new JWKSet(List.of(signing.toPublicJWK(), rotated.toPublicJWK())));
        HttpResponse<String> master = master("Bearer " + valid(rotated));
        assertEquals(200, master.statusCode(), master.body());
        assertTrue(fetches.get() >= 2, "the JWKS was fetched again");
    }

    @Test
    void keysAreCachedNotFetchedPerRequest() throws Exception {
        String token = "Bearer " + valid(signing);
        for (int i = 0; i < 5; i++) assertEquals(200, master(token).statusCode());
        assertEquals(1, fetches.get());
    }
}
