package dev.homelab.console.sandbox;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A lab started ahead of the user's "Start the sandbox": its start-up (mock API server, the scenario's objects,
 * a first JVM's class loading) runs while the window is being built or the connect screen is read, and the
 * rehearsal then takes the running lab. It is the lab {@link Sandbox#start(Optional, AppDirs)} gives, started a
 * little earlier. Whoever does not take it closes it: when the user connects elsewhere, or quits.
 */
public final class SandboxPrestart implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxPrestart.class);
    private static final long POLL_MILLIS = 100;

    private final Optional<Path> scenario;
    private final CompletableFuture<SandboxLab> lab = new CompletableFuture<>();
    private boolean taken;
    private boolean closed;

    private SandboxPrestart(Optional<Path> scenario) {
        this.scenario = scenario;
    }

    /** Starts the lab of {@code scenario} (the default lab when empty) on a background thread. */
    public static SandboxPrestart begin(Optional<Path> scenario, AppDirs dirs) {
        SandboxPrestart prestart = new SandboxPrestart(scenario);
        Thread starter = new Thread(() -> {
            try {
                prestart.lab.complete(Sandbox.start(scenario, dirs));
            } catch (RuntimeException | Error e) {
                prestart.lab.completeExceptionally(e);
            }
        }, "sandbox-prestart");
        starter.setDaemon(true);
        starter.start();
        return prestart;
    }

    /** True when this is the lab a rehearsal of {@code wanted} would start. */
    public boolean isFor(Optional<Path> wanted) {
        return scenario.equals(wanted);
    }

    /**
     * Waits until the lab runs and hands it over; the caller owns it from then on. A failed start throws what
     * {@link Sandbox#start(Optional, AppDirs)} would have thrown.
     *
     * @throws CancelledException when {@code progress} is cancelled while waiting (the lab is then closed)
     */
    public SandboxLab take(Progress progress) {
        while (true) {
            if (progress.isCancelled()) {
                close();
                throw new CancelledException();
            }
            try {
                SandboxLab started = lab.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                synchronized (this) {
                    if (closed) {
                        throw new IllegalStateException("The prepared sandbox was already discarded");
                    }
                    taken = true;
                }
                return started;
            } catch (TimeoutException e) {
                // still starting: look at the cancel flag again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new CancelledException();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Discards the lab unless it was taken: stops it now, or as soon as its start-up has finished. */
    @Override
    public void close() {
        synchronized (this) {
            if (taken || closed) {
                return;
            }
            closed = true;
        }
        lab.thenAccept(SandboxPrestart::stop);
    }

    private static void stop(SandboxLab lab) {
        try {
            lab.session().close();
            lab.lifecycle().close();
        } catch (Exception e) {
            LOG.warn("Stopping the unused sandbox failed", e);
        }
    }
}
