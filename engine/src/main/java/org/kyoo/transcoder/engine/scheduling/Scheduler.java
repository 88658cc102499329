package org.kyoo.transcoder.engine.scheduling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The machine's share of work between heads: encode slots (software and hardware apart), the
 * machine's measured start-up and speed for streams that have measured nothing yet, and a sweep
 * that stops the heads of streams nobody asks anything of any more. One per engine.
 */
public final class Scheduler implements AutoCloseable {
    /** A live head as the scheduler sees it. */
    public interface Scheduled {
        HeadState state();

        /** Stops the head when its stream was abandoned. */
        void sweep();
    }

    private final SchedulerSettings settings;
    private final Ticker ticker;
    private final EncodeSlots software;
    private final EncodeSlots hardware;
    /** Transmux and audio heads: cheap next to video, never queued behind it (their prefetch parks beside a frozen screen). */
    private final EncodeSlots unbounded;
    /** Per kind of work: a copy's or an audio track's speed says nothing of a transcode's. */
    private final Map<Work, SpeedEstimate> machine = new EnumMap<>(Work.class);
    /** One thread sweeps for every scheduler (tests make many); each sweeps only while it has heads. */
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "head sweeper");
        t.setDaemon(true);
        return t;
    });

    private final Set<Scheduled> heads = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> sweeping;

    public Scheduler(SchedulerSettings settings, Ticker ticker) {
        this.settings = settings;
        this.ticker = ticker;
        // software heads share the CPU: a frozen screen gets all of it (a rule that does not throttle never bounds)
        this.software = new EncodeSlots(settings.maxHeads(), settings.rule().throttles());
        this.hardware = new EncodeSlots(settings.maxHardwareHeads(), false, true);
        this.unbounded = settings.rule().throttles() ? EncodeSlots.besides(software) : new EncodeSlots(Integer.MAX_VALUE);
        for (Work w : Work.values()) machine.put(w, new SpeedEstimate());
    }

    public static Scheduler withDefaults() {
        return new Scheduler(SchedulerSettings.defaults(), Ticker.SYSTEM);
    }

    public SchedulerSettings settings() {
        return settings;
    }

    public Ticker ticker() {
        return ticker;
    }

    public EncodeSlots software() {
        return software;
    }

    public EncodeSlots hardware() {
        return hardware;
    }

    public EncodeSlots unbounded() {
        return unbounded;
    }

    /**
     * The slots a stream's heads take: none to speak of for copying (transmuxing and audio cost
     * next to nothing); a device's encoder sessions for hardware encoding; the cores otherwise.
     */
    public EncodeSlots slotsFor(boolean encodesVideo, boolean onDevice) {
        if (!encodesVideo) return unbounded;
        return onDevice ? hardware : software;
    }

    /** Start-up and speed over every stream doing {@code work}: the estimate of a stream that measured nothing yet. */
    public SpeedEstimate machine(Work work) {
        return machine.get(work);
    }


    /** Priorities may have changed: heads waiting for a slot or paused look again now. */
    public void reconsider() {
        software.reconsider();
        hardware.reconsider();
        unbounded.reconsider();
    }

    public void register(Scheduled head) {
        heads.add(head);
        startSweeper();
    }

    public void unregister(Scheduled head) {
        heads.remove(head);
        synchronized (this) {
            if (heads.isEmpty() && sweeping != null) {
                sweeping.cancel(false);
                sweeping = null;
            }
        }
    }

    /** Every live head with its state and speed, for metrics. */
    public List<HeadState> snapshot() {
        List<HeadState> all = new ArrayList<>();
        for (Scheduled h : heads) all.add(h.state());
        return all;
    }

    /** Stops the heads of abandoned streams; runs every second on its own, tests call it directly. */
    public void sweep() {
        for (Scheduled h : heads) h.sweep();
    }

    private synchronized void startSweeper() {
        if (sweeping != null || heads.isEmpty() || settings.idleStop() == null || ticker != Ticker.SYSTEM) return;
        sweeping = SWEEPER.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (sweeping != null) sweeping.cancel(false);
        sweeping = null;
    }
}
