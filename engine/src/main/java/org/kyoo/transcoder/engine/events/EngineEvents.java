package org.kyoo.transcoder.engine.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The engine's listeners, process-wide. Heads are made deep inside the engine (stream, head,
 * pipeline) and are process-wide themselves, like the native memory JavaCPP counts; a registry
 * here spares threading a listener through every constructor on the way, and keeps the engine
 * free of any dependency on who listens.
 */
public final class EngineEvents {
    private static final List<EngineListener> LISTENERS = new CopyOnWriteArrayList<>();
    private static final System.Logger LOG = System.getLogger(EngineEvents.class.getName());

    private EngineEvents() {}

    /** Adds a listener until the returned handle is closed. */
    public static AutoCloseable listen(EngineListener listener) {
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /** Tells every listener; one that throws is logged and never stops the engine's work. */
    public static void emit(Consumer<EngineListener> event) {
        for (EngineListener listener : LISTENERS) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Engine listener failed", e);
            }
        }
    }
}
