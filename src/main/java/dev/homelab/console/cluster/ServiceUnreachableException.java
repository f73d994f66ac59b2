package dev.homelab.console.cluster;

/** The service could not be reached; the message names the service, the cause and what to do. */
public class ServiceUnreachableException extends Exception {
    private final ServiceRef service;

    public ServiceUnreachableException(ServiceRef service, String message, Throwable cause) {
        super(message, cause);
        this.service = service;
    }

    public ServiceRef service() {
        return service;
    }
}
