package dev.homelab.console.reboot.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The reboot as it was observed, live: milestones from watches and events, in arrival order. Listeners hear each new
 * event on the thread that observed it (the UI throttles and hops to the FX thread itself).
 */
public final class RebootTimeline {

    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<Consumer<TimelineEvent>> listeners = new CopyOnWriteArrayList<>();
    private Instant requestedAt;

    public void addListener(Consumer<TimelineEvent> listener) {
        listeners.add(listener);
    }

    /** Records the event unless it is a once-only milestone already seen; returns whether it was recorded. */
    public boolean record(Milestone milestone, Instant at, String detail) {
        TimelineEvent event;
        synchronized (this) {
            if (milestone.once() && has(milestone)) {
                return false;
            }
            if (milestone == Milestone.REBOOT_REQUESTED) {
                requestedAt = at;
            }
            event = new TimelineEvent(milestone, at, requestedAt == null ? null : Duration.between(requestedAt, at),
                    detail);
            events.add(event);
            notifyAll();
        }
        listeners.forEach(l -> l.accept(event));
        return true;
    }

    public synchronized boolean has(Milestone milestone) {
        return events.stream().anyMatch(e -> e.milestone() == milestone);
    }

    public synchronized Optional<TimelineEvent> get(Milestone milestone) {
        return events.stream().filter(e -> e.milestone() == milestone).findFirst();
    }

    public synchronized Optional<Instant> at(Milestone milestone) {
        return get(milestone).map(TimelineEvent::at);
    }

    public synchronized List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    public synchronized Instant requestedAt() {
        return requestedAt;
    }

    /** Waits until the milestone is recorded or the deadline passes; the check callback may throw to cancel. */
    public synchronized boolean awaitMilestone(Milestone milestone, Instant deadline, java.time.Clock clock,
                                               Runnable check) throws InterruptedException {
        while (!has(milestone)) {
            check.run();
            long wait = Duration.between(clock.instant(), deadline).toMillis();
            if (wait <= 0) {
                return false;
            }
            wait(Math.min(wait, 250));
        }
        return true;
    }
}
