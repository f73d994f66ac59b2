package dev.homelab.console.sandbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Powers simulated nodes down and up. A reboot takes the node away (its kubelet stops posting: NotReady after the
 * scenario's delay), then brings it back with a new boot ID; its pods' containers restart (restartCount + 1, Ready
 * false, then true). The reboot test's real reboot pod triggers this automatically; simulations and tests may call it.
 */
public interface NodeControl {

    /** Starts a reboot of the node (returns at once; the cycle runs on the sandbox scheduler). */
    void reboot(String node);

    /** Takes the node away until {@link #powerOn(String)} (a node that never returns). */
    void powerOff(String node);

    /** Brings a powered-off node back (new boot ID, Ready, pods restart). */
    void powerOn(String node);

    /** False while the node is rebooting or powered off. */
    boolean isUp(String node);

    /** The boot ID the node's kubelet reports now. */
    Optional<String> bootId(String node);

    /** Tells the listener when a node's machine stops and runs again (not when Kubernetes notices). */
    void addListener(PowerListener listener);

    /** Simulations that depend on a node (a scrape pipeline, a buffer) follow its power through this. */
    interface PowerListener {
        void nodeDown(String node, Instant at);

        void nodeUp(String node, Instant at);
    }
}
