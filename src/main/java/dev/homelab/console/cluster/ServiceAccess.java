package dev.homelab.console.cluster;

/**
 * Reaches in-cluster services from the desktop. On a real cluster this is a self-healing fabric8 port-forward bound
 * to 127.0.0.1; in the sandbox it is the simulated service. Callers never know which: the HTTP client code that talks
 * to the returned endpoint is the same.
 */
public interface ServiceAccess extends AutoCloseable {

    /** Opens (or reuses) a local endpoint for the service. */
    ServiceEndpoint open(ServiceRef service) throws ServiceUnreachableException;

    /** Closes every forward this access opened. */
    @Override
    void close();
}
