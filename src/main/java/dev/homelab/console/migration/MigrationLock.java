package dev.homelab.console.migration;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lock that keeps two consoles from migrating one cluster at once: the Lease
 * {@code homelab-console/homelab-console-migration}, holder "user@host pid N", renewed every third of its duration
 * while a step runs, and expiring on its own when the holder dies (no shutdown hook is needed or trusted).
 * Acquisition uses the Lease's resourceVersion, so two consoles racing for it cannot both win.
 */
public final class MigrationLock {

    public static final String NAMESPACE = MigrationJournal.NAMESPACE;
    public static final String LEASE = "homelab-console-migration";
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);

    private final KubernetesClient kube;
    private final String identity;
    private final Duration duration;
    private final Clock clock;

    public MigrationLock(KubernetesClient kube, String identity, Duration duration, Clock clock) {
        this.kube = kube;
        this.identity = identity;
        this.duration = duration;
        this.clock = clock;
    }

    /** "alice@laptop pid 4242". */
    public static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown") + "@" + host + " pid " + ProcessHandle.current().pid();
    }

    public String identity() {
        return identity;
    }

    /** The current holder when it is someone else and the lease has not expired. */
    public Optional<String> heldByOther() {
        Lease lease = current();
        if (lease == null || isMine(lease) || expired(lease)) {
            return Optional.empty();
        }
        return Optional.of(lease.getSpec().getHolderIdentity());
    }

    /** Takes the lock (or re-takes our own), renewing it until the returned handle is closed. */
    public Held acquire() throws LockHeldException {
        ensureNamespace();
        for (int attempt = 0; attempt < 3; attempt++) {
            Lease lease = current();
            Instant now = clock.instant();
            try {
                if (lease == null) {
                    kube.resource(newLease(now)).create();
                    return new Held();
                }
                if (!isMine(lease) && !expired(lease)) {
                    throw new LockHeldException(lease.getSpec().getHolderIdentity(), renewTime(lease),
                            renewTime(lease).plusSeconds(leaseSeconds(lease)));
                }
                if (!isMine(lease)) {
                    LOG.info("Taking over the expired migration lock of {}", lease.getSpec().getHolderIdentity());
                }
                lease.getSpec().setHolderIdentity(identity);
                lease.getSpec().setAcquireTime(microTime(now));
                lease.getSpec().setRenewTime(microTime(now));
                lease.getSpec().setLeaseDurationSeconds((int) duration.toSeconds());
                kube.resource(lease).update();
                return new Held();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                LOG.debug("Lost a race for the migration lock, retrying", e);
            }
        }
        Lease lease = current();
        throw new LockHeldException(lease == null ? "another console" : lease.getSpec().getHolderIdentity(),
                lease == null ? clock.instant() : renewTime(lease), clock.instant().plus(duration));
    }

    private Lease current() {
        return kube.leases().inNamespace(NAMESPACE).withName(LEASE).get();
    }

    private boolean isMine(Lease lease) {
        return identity.equals(lease.getSpec().getHolderIdentity());
    }

    private boolean expired(Lease lease) {
        if (lease.getSpec().getHolderIdentity() == null || lease.getSpec().getHolderIdentity().isBlank()) {
            return true;
        }
        return renewTime(lease).plusSeconds(leaseSeconds(lease)).isBefore(clock.instant());
    }

    private static long leaseSeconds(Lease lease) {
        Integer seconds = lease.getSpec().getLeaseDurationSeconds();
        return seconds == null ? DEFAULT_DURATION.toSeconds() : seconds;
    }

    private static Instant renewTime(Lease lease) {
        ZonedDateTime time = lease.getSpec().getRenewTime() != null ? lease.getSpec().getRenewTime()
                : lease.getSpec().getAcquireTime();
        return time == null ? Instant.EPOCH : time.toInstant();
    }

    private Lease newLease(Instant now) {
        return new LeaseBuilder()
                .withNewMetadata().withName(LEASE).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/managed-by", "homelab-console").endMetadata()
                .withNewSpec()
                .withHolderIdentity(identity)
                .withLeaseDurationSeconds((int) duration.toSeconds())
                .withAcquireTime(microTime(now))
                .withRenewTime(microTime(now))
                .endSpec()
                .build();
    }

    private void ensureNamespace() {
        if (kube.namespaces().withName(NAMESPACE).get() == null) {
            kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName(NAMESPACE).addToLabels("app.kubernetes.io/managed-by", "homelab-console")
                    .endMetadata().build()).create();
        }
    }

    private static ZonedDateTime microTime(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    /** The lock while we hold it; closing releases it (the lease is emptied so others need not wait). */
    public final class Held implements AutoCloseable {
        private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migration-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
        private final ScheduledFuture<?> renewal;

        private Held() {
            long period = Math.max(1, duration.toMillis() / 3);
            renewal = renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            try {
                kube.leases().inNamespace(NAMESPACE).withName(LEASE).edit(lease -> {
                    if (identity.equals(lease.getSpec().getHolderIdentity())) {
                        lease.getSpec().setRenewTime(microTime(clock.instant()));
                    }
                    return lease;
                });
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the migration lock: {}", e.getMessage());
            }
        }

        @Override
        public void close() {
            renewal.cancel(false);
            renewer.shutdownNow();
            try {
                kube.leases().inNamespace(NAMESPACE).withName(LEASE).edit(lease -> {
                    if (identity.equals(lease.getSpec().getHolderIdentity())) {
                        lease.getSpec().setHolderIdentity(null);
                        lease.getSpec().setRenewTime(null);
                    }
                    return lease;
                });
            } catch (RuntimeException e) {
                LOG.warn("Could not release the migration lock (it expires on its own): {}", e.getMessage());
            }
        }
    }
}
