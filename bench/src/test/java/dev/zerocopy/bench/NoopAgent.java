package dev.zerocopy.bench;

import java.lang.instrument.Instrumentation;

/** A Java agent that does nothing, standing in for zerocopy.jar's agent in the S6 smoke test. */
public final class NoopAgent {

    private NoopAgent() {
    }

    /**
     * Does nothing.
     *
     * @param args            ignored
     * @param instrumentation ignored
     */
    public static void premain(String args, Instrumentation instrumentation) {
        // nothing: the test only needs a JVM that starts with -javaagent
    }
}
