package org.kyoo.transcoder.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kyoo.transcoder.server.http.HttpError;

/**
 * Checks a bearer token: a JWT signed by a key of the JWKS at {@code JWKS_URL} (fetched on first
 * use, cached and refreshed ahead of expiry, refetched when a token names a key not seen yet, so
 * rotated keys are picked up), not expired, whose {@code permissions} claim holds the permission.
 */
public final class TokenVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String permission;

    public TokenVerifier(URI jwksUrl, String permission) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(jwksUrl.toURL()).refreshAheadCache(true).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("JWKS_URL " + jwksUrl + ": " + e.getMessage(), e);
        }
        // every asymmetric family a JWKS publishes; HMAC has no public key to publish
        Set<JWSAlgorithm> algorithms = new HashSet<>();
        algorithms.addAll(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        algorithms.addAll(JWSAlgorithm.Family.ED);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        this.permission = permission;
    }

    /** The token's claims; throws a 401 (no valid token), 403 (no permission) or 503 (keys unreachable). */
    public JWTClaimsSet verify(String authorization) {
        String token = bearer(authorization);
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw unauthorized("The bearer token is not a JWT.");
        } catch (KeySourceException e) {
            throw new HttpError(503, "Cannot fetch the keys tokens are signed with; try again.");
        } catch (BadJOSEException | JOSEException e) {
            // expired, wrongly signed, signed by an unknown key
            throw unauthorized("Invalid or expired token: " + e.getMessage());
        }
        if (!permissions(claims).contains(permission)) {
            throw new HttpError(403, "Missing permission " + permission + ".");
        }
        return claims;
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) throw unauthorized("Missing bearer token.");
        String value = authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("The Authorization header must be \"Bearer <token>\".");
        }
        return value.substring(7).trim();
    }

    private static List<String> permissions(JWTClaimsSet claims) {
        try {
            List<String> permissions = claims.getStringListClaim("permissions");
            return permissions == null ? List.of() : permissions;
        } catch (ParseException e) {
            // not a list of strings: holds no permission we can read
            return List.of();
        }
    }

    private static HttpError unauthorized(String message) {
        return new HttpError(401, message);
    }
}
