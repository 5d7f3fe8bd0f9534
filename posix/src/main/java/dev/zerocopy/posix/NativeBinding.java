package dev.zerocopy.posix;

/**
 * A holder class whose static initialiser registers its {@code native} methods with JNA
 * ({@code Native.register}), bound the first time it is needed and never before: the one way zerocopy's
 * providers bind native code lazily, so that loading, listing or asking a provider for its availability on
 * another system binds nothing.
 *
 * <p>The holder is registered by the first call of one of its methods or by {@link #failure()}, whichever
 * comes first; a failure (a missing library or symbol) is remembered with its message, as the JVM
 * remembers a class whose initialisation failed but without its cause.
 */
public final class NativeBinding {

    private static final String BOUND = "";

    private final Class<?> holder;
    private volatile String failure;

    /**
     * Describes a holder; nothing is bound.
     *
     * @param holder the class whose static initialiser registers its natives
     */
    public NativeBinding(Class<?> holder) {
        this.holder = holder;
    }

    /**
     * Binds the holder if it is not yet bound and tells why it cannot be.
     *
     * @return {@code null} if the natives are registered, else the reason
     */
    public String failure() {
        String known = failure;
        if (known == null) {
            try {
                Class.forName(holder.getName(), true, holder.getClassLoader());
                known = BOUND;
            } catch (ClassNotFoundException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                known = holder.getSimpleName() + ": " + cause;
            }
            failure = known;
        }
        return known.isEmpty() ? null : known;
    }

    /**
     * Tells whether the holder's natives are registered, binding them if needed.
     *
     * @return whether {@link #failure()} is {@code null}
     */
    public boolean bound() {
        return failure() == null;
    }
}
