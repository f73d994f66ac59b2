package dev.homelab.console.reboot.run;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One reboot test at a time across every console pointed at the cluster: a Lease
 * {@code homelab-console/homelab-console-reboot-test}, renewed while the test runs and deleted at the end. A Lease
 * whose holder stopped renewing (a crashed console) expires after {@link #DURATION} and may be taken over.
 */
public final class RebootLock {

    public static final String NAME = "homelab-console-reboot-test";
    public static final Duration DURATION = Duration.ofMinutes(2);

    /** Who holds the lock and since when, for the refusal message. */
    public record Holder(String identity, String node, Instant renewedAt) {
    }

    private final KubernetesClient kube;
    private final Clock clock;

    public RebootLock(KubernetesClient kube, Clock clock) {
        this.kube = kube;
        this.clock = clock;
    }

    /** The live holder, if a test is running now (an expired lease does not count). */
    public Optional<Holder> currentHolder() {
        Lease lease = lease();
        if (lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null) {
            return Optional.empty();
        }
        Instant renewed = renewTime(lease);
        if (renewed.plus(DURATION).isBefore(clock.instant())) {
            return Optional.empty();
        }
        String node = lease.getMetadata().getAnnotations() == null ? ""
                : lease.getMetadata().getAnnotations().getOrDefault("homelab.dev/reboot-node", "");
        return Optional.of(new Holder(lease.getSpec().getHolderIdentity(), node, renewed));
    }

    /** Takes the lock or explains who holds it. Creating is atomic: two consoles cannot both win. */
    public void acquire(String identity, String node) throws LockHeldException {
        Optional<Holder> holder = currentHolder();
        if (holder.isPresent()) {
            throw new LockHeldException(holder.get());
        }
        Lease stale = lease();
        if (stale != null) {
            kube.leases().inNamespace(RebootNamespace.NAME).withName(NAME).delete();
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Lease lease = new LeaseBuilder().withNewMetadata().withName(NAME).withNamespace(RebootNamespace.NAME)
                .addToAnnotations("homelab.dev/reboot-node", node).endMetadata()
                .withNewSpec().withHolderIdentity(identity).withLeaseDurationSeconds((int) DURATION.toSeconds())
                .withAcquireTime(now).withRenewTime(now).endSpec().build();
        try {
            kube.leases().inNamespace(RebootNamespace.NAME).resource(lease).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new LockHeldException(currentHolder().orElse(new Holder("another console", node, clock.instant())));
            }
            throw e;
        }
    }

    public void renew() {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        kube.leases().inNamespace(RebootNamespace.NAME).withName(NAME)
                .edit(l -> new LeaseBuilder(l).editSpec().withRenewTime(now).endSpec().build());
    }

    public void release() {
        kube.leases().inNamespace(RebootNamespace.NAME).withName(NAME).delete();
    }

    private Lease lease() {
        return kube.leases().inNamespace(RebootNamespace.NAME).withName(NAME).get();
    }

    private static Instant renewTime(Lease lease) {
        ZonedDateTime renew = lease.getSpec().getRenewTime() != null ? lease.getSpec().getRenewTime()
                : lease.getSpec().getAcquireTime();
        return renew == null ? Instant.EPOCH : renew.toInstant();
    }

    /** Another reboot test holds the lock. */
    public static final class LockHeldException extends Exception {
        private final Holder holder;

        public LockHeldException(Holder holder) {
            super("A reboot test is already running (" + holder.identity()
                    + (holder.node().isEmpty() ? "" : ", node " + holder.node()) + ", last renewed "
                    + holder.renewedAt() + "). Wait for it to finish; a crashed test's lock expires "
                    + DURATION.toMinutes() + " min after its last renewal.");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }
}
