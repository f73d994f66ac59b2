package dev.homelab.console.sandbox.cluster;

import java.util.Random;

/** Generated name suffixes in Kubernetes' alphabet (no vowels), e.g. the ReplicaSet hash and the pod suffix. */
public final class Names {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private final Random random;

    public Names(long seed) {
        this.random = new Random(seed);
    }

    public synchronized String suffix(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
