package org.kyoo.transcoder.engine.scheduling;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Where the players of one stream are: each player's latest request (a player is where it asked
 * last, not where it asked before a seek or a quality switch), and whether anyone asked anything
 * at all lately. A head is near a player when it is at most the buffer past that player's latest
 * request and not behind it; a head near nobody pauses. The stream's heads stop when nobody asked
 * anything for the idle time.
 */
final class RequestWindow {
    /**
     * @param jumped whether the player jumped there (a first request, a seek): it had nothing buffered
     * @param urgent whether it was ranked a frozen screen: a jump, or the segment right after one
     */
    private record Latest(long nanos, int segment, double start, boolean jumped, boolean urgent) {}

    /** Requests that do not say who asks count as one player. */
    private static final String ANONYMOUS = "";
    /** Timestamps closer than this to a segment's start are on it. */
    private static final double EPSILON = 0.003;

    private final Ticker ticker;
    private final double bufferSeconds;
    private final long idleNanos;
    private final Map<String, Latest> latest = new HashMap<>();
    private long last;
    private boolean any;

    /**
     * @param bufferSeconds seconds of media a head may run past a player's latest request
     * @param idleNanos     no request for this long: the stream is abandoned; also how long a
     *                      player's latest request counts as its position
     */
    public RequestWindow(Ticker ticker, double bufferSeconds, long idleNanos) {
        this.ticker = ticker;
        this.bufferSeconds = bufferSeconds;
        this.idleNanos = idleNanos;
    }

    /**
     * A player asked for segment n starting at {@code start} (seconds of media). Returns how urgent
     * it is should it have to wait: the segment right after the player's latest one (or that one
     * again) can wait for the one playing to end; anything else (a first request, a seek, a request
     * that does not say who asks) has nothing to play meanwhile. So has the segment right after a
     * jump: the player jumped somewhere into the one before, perhaps into its last frames (a seek
     * to where a segment ends asks for that segment, then at once for the next, and shows nothing
     * until the next comes), and nothing tells how much of it is left to play.
     */
    public synchronized Priority record(Demand demand, int n, double start) {
        long now = ticker.nanos();
        forgetOld(now);
        String client = demand.client() == null ? ANONYMOUS : demand.client();
        Latest before = latest.get(client);
        boolean follows = demand.client() != null && before != null && (before.segment() == n - 1 || before.segment() == n);
        // asked again, a segment keeps what it was; the one after a jump is as urgent as the jump, once
        boolean again = follows && before.segment() == n;
        boolean jumped = !follows || (again && before.jumped());
        boolean urgent = jumped || (again ? before.urgent() : follows && before.jumped());
        latest.put(client, new Latest(now, n, start, jumped, urgent));
        last = now;
        any = true;
        return urgent ? Priority.NOTHING_BUFFERED : Priority.NEXT_SEGMENT;
    }

    /**
     * Whether {@code demand}'s player asking for segment n here would be a jump (a first request
     * or a seek: neither its latest segment nor the one after); {@code unknown} when it asked
     * nothing here lately (or does not say who it is).
     */
    public synchronized boolean wouldJump(Demand demand, int n, boolean unknown) {
        forgetOld(ticker.nanos());
        Latest before = demand.client() == null ? null : latest.get(demand.client());
        if (before == null) return unknown;
        return before.segment() != n - 1 && before.segment() != n;
    }

    /** Ticker nanos of the latest request of {@code demand}'s player here; empty when none lately. */
    synchronized OptionalLong latestNanos(Demand demand) {
        forgetOld(ticker.nanos());
        Latest l = demand.client() == null ? null : latest.get(demand.client());
        return l == null ? OptionalLong.empty() : OptionalLong.of(l.nanos());
    }

    /**
     * The player went elsewhere (another quality of the file): it is no longer near anything here.
     * Returns whether it was here at all.
     */
    public synchronized boolean forget(Demand demand) {
        return demand.client() != null && latest.remove(demand.client()) != null;
    }

    /** Whether a head about to make the segment starting at {@code start} is near no player (it should wait for one). */
    public synchronized boolean tooFarAhead(double start) {
        if (Double.isInfinite(bufferSeconds)) return false;
        forgetOld(ticker.nanos());
        for (Latest l : latest.values()) {
            if (l.start() <= start + EPSILON && start - l.start() <= bufferSeconds) return false;
        }
        return true;
    }

    /** True once someone asked something and then nobody asked anything for the idle time. */
    public synchronized boolean abandoned() {
        return any && idleNanos != Long.MAX_VALUE && ticker.nanos() - last > idleNanos;
    }

    /** Players that asked nothing for the idle time are nowhere any more: nothing is kept for them. */
    private void forgetOld(long now) {
        if (idleNanos == Long.MAX_VALUE) return;
        for (Iterator<Latest> i = latest.values().iterator(); i.hasNext(); ) {
            if (now - i.next().nanos() > idleNanos) i.remove();
        }
    }
}
