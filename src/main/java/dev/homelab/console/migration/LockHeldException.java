package dev.homelab.console.migration;

import java.time.Instant;

/** Another console holds the migration lock; the message names it and says when the lock expires. */
public final class LockHeldException extends RuntimeException {
    private final String holder;
    private final Instant expiresAt;

    public LockHeldException(String holder, Instant renewedAt, Instant expiresAt) {
        super("Another console is migrating this cluster: " + holder + " holds the lock (Lease "
                + MigrationLock.NAMESPACE + "/" + MigrationLock.LEASE + ", last renewed " + renewedAt
                + "). Wait until it finishes; if that console crashed, the lock expires at " + expiresAt + ".");
        this.holder = holder;
        this.expiresAt = expiresAt;
    }

    public String holder() {
        return holder;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
