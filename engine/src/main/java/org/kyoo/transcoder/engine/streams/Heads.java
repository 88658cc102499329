package org.kyoo.transcoder.engine.streams;

import java.util.ArrayList;
import java.util.List;

/** A stream's live heads, and what the stream asks of them as a group. Its stream guards it with its own lock. */
final class Heads {
    private final List<EncoderHead> heads = new ArrayList<>();

    void add(EncoderHead head) {
        heads.add(head);
    }

    void remove(EncoderHead head) {
        heads.remove(head);
    }

    /** The heads still running (cancelled ones until their thread ends). */
    List<EncoderHead> all() {
        return List.copyOf(heads);
    }

    /** The live list itself, for planning under the stream's lock. */
    List<EncoderHead> view() {
        return heads;
    }

    /** True when a live head other than {@code except} is at segment n now. */
    boolean at(int n, EncoderHead except) {
        for (EncoderHead h : heads) if (h != except && !h.cancelled() && h.position() == n) return true;
        return false;
    }

    /** True when a live head other than {@code except} is at or before segment n and goes that far. */
    boolean makes(int n, EncoderHead except) {
        for (EncoderHead h : heads) if (h != except && !h.cancelled() && h.position() <= n && n < h.end()) return true;
        return false;
    }

    /**
     * One past the last segment {@code h} will make: its end, or where the next live head ahead of
     * it began (it stops there), so a seek far ahead does not count as waiting on the head it jumped over.
     */
    int reach(EncoderHead h) {
        int reach = h.end();
        for (EncoderHead o : heads) {
            if (o != h && !o.cancelled() && o.position() > h.position()) reach = Math.min(reach, o.position());
        }
        return reach;
    }

    /** The live head furthest behind; null when none runs. */
    EncoderHead earliest() {
        EncoderHead live = null;
        for (EncoderHead h : heads) {
            if (!h.cancelled() && (live == null || h.position() < live.position())) live = h;
        }
        return live;
    }

    EncoderHead byId(int id) {
        for (EncoderHead h : heads) if (h.id() == id) return h;
        return null;
    }
}
