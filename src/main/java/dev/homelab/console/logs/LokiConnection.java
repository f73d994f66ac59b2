package dev.homelab.console.logs;

/**
 * How the console reaches Loki. {@link #reopen()} is called after a connection failure: a port-forward implementation
 * re-binds to the newest ready pod, so the returned endpoint may differ from the previous one (the tail reports it).
 */
public interface LokiConnection {

    LokiEndpoint endpoint() throws LokiException;

    LokiEndpoint reopen() throws LokiException;

    /** A connection to a fixed address: the user's override, or a test's fake. */
    static LokiConnection fixed(LokiEndpoint endpoint) {
        return new LokiConnection() {
            @Override
            public LokiEndpoint endpoint() {
                return endpoint;
            }

            @Override
            public LokiEndpoint reopen() {
                return endpoint;
            }
        };
    }
}
