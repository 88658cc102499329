package org.kyoo.transcoder.engine.scheduling;

/**
 * Who asks for a segment, as far as scheduling cares: the player's id, so a stream can tell a
 * player's next segment (it still has the previous one playing) from a seek or a first request
 * (it has nothing to play). The engine knows nothing of HTTP; the server fills this from
 * {@code X-CLIENT-ID}.
 *
 * @param client the player's id; null for a caller that does not say (every request counts as a first one)
 */
public record Demand(String client) {
    /** A request from nobody in particular: treated as urgent as a seek. */
    public static final Demand ANONYMOUS = new Demand(null);

    public static Demand of(String client) {
        return client == null ? ANONYMOUS : new Demand(client);
    }
}
