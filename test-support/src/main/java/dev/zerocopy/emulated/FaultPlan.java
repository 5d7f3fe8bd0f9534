package dev.zerocopy.emulated;

import dev.zerocopy.spi.Errno;

/**
 * What an emulated kernel injects into each of its copy calls ({@code sendfile}, {@code copy_file_range}):
 * an error before any byte moves, a cap on the bytes the call moves, and an error reported together with
 * the bytes moved. Each emulated kernel reports these the way its operating system does (FreeBSD in
 * {@code sbytes}, macOS in {@code *len}, Solaris in {@code *off}). A plan is stateless: it decides from
 * the call's index, the bytes asked and the bytes the kernel has moved so far.
 */
public final class FaultPlan {

    /**
     * One call's injection.
     *
     * @param before an error to fail with before moving anything, or {@code null}
     * @param cap    the most bytes the call moves; fewer than asked makes it a short call
     * @param after  an error to report with the bytes moved, or {@code null}
     */
    public record Injection(Errno before, long cap, Errno after) {
    }

    /** Decides one call's injection. */
    @FunctionalInterface
    private interface Rule {
        Injection at(int call, long requested, long movedSoFar);
    }

    private static final Injection CLEAN = new Injection(null, Long.MAX_VALUE, null);

    private final String description;
    private final Rule rule;
    private final int actionCall;
    private final Runnable action;

    private FaultPlan(String description, Rule rule) {
        this(description, rule, -1, null);
    }

    private FaultPlan(String description, Rule rule, int actionCall, Runnable action) {
        this.description = description;
        this.rule = rule;
        this.actionCall = actionCall;
        this.action = action;
    }

    /**
     * Returns this plan with an action run just before the call of the given index, such as truncating
     * the source file mid-copy.
     *
     * @param call   the call's index
     * @param what   the action's description
     * @param action the action
     * @return the plan
     */
    public FaultPlan before(int call, String what, Runnable action) {
        return new FaultPlan(description + ", " + what + " before call " + call, rule, call, action);
    }

    /**
     * Returns the injection for one call.
     *
     * @param call       the call's index, from 0
     * @param requested  the bytes asked
     * @param movedSoFar the bytes the kernel moved in earlier calls
     * @return the injection
     */
    public Injection at(int call, long requested, long movedSoFar) {
        if (call == actionCall) {
            action.run();
        }
        return rule.at(call, requested, movedSoFar);
    }

    /**
     * No faults: the system's own behaviour only.
     *
     * @return the plan
     */
    public static FaultPlan none() {
        return new FaultPlan("no faults", (call, requested, moved) -> CLEAN);
    }

    /**
     * Every call moves at most {@code max} bytes and reports it the system's natural way for a short
     * call (EAGAIN on the BSDs, a short count on Solaris).
     *
     * @param max the cap, at least 1
     * @return the plan
     */
    public static FaultPlan chunks(long max) {
        Injection injection = new Injection(null, max, null);
        return new FaultPlan("short chunks of " + max, (call, requested, moved) -> injection);
    }

    /**
     * Every call moves at most {@code cap} bytes and reports {@code error} with them ({@code cap} of
     * {@link Long#MAX_VALUE}: the whole chunk, then the error, as macOS does with EAGAIN).
     *
     * @param error the error
     * @param cap   the cap
     * @return the plan
     */
    public static FaultPlan progressWith(Errno error, long cap) {
        Injection injection = new Injection(null, cap, error);
        return new FaultPlan(error + " with progress of up to " + cap, (call, requested, moved) -> injection);
    }

    /**
     * The first call fails with {@code error} and moves nothing; later calls are clean.
     *
     * @param error the error
     * @return the plan
     */
    public static FaultPlan firstCall(Errno error) {
        Injection failing = new Injection(error, 0, null);
        return new FaultPlan(error + " on the first call", (call, requested, moved) -> call == 0 ? failing : CLEAN);
    }

    /**
     * Even calls fail with {@code error} and move nothing; odd calls move at most {@code cap} bytes.
     *
     * @param error the error
     * @param cap   the odd calls' cap
     * @return the plan
     */
    public static FaultPlan alternate(Errno error, long cap) {
        Injection failing = new Injection(error, 0, null);
        Injection moving = new Injection(null, cap, null);
        return new FaultPlan(error + " without progress on every other call",
                (call, requested, moved) -> call % 2 == 0 ? failing : moving);
    }

    /**
     * Calls move bytes until {@code bytes} have moved in all; the call that reaches it reports
     * {@code error} with its progress, and every later call fails with it.
     *
     * @param bytes the bytes that move, at least 1
     * @param error the error
     * @return the plan
     */
    public static FaultPlan failAfter(long bytes, Errno error) {
        Injection failing = new Injection(error, 0, null);
        return new FaultPlan(error + " after " + bytes + " bytes", (call, requested, moved) -> {
            if (moved >= bytes) {
                return failing;
            }
            long left = bytes - moved;
            return new Injection(null, left, requested >= left ? error : null);
        });
    }

    @Override
    public String toString() {
        return description;
    }
}
