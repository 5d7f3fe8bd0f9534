package dev.zerocopy;

/**
 * One provider found by {@link ZeroCopyTransfer#providers(ClassLoader)}.
 *
 * @param name         the provider's {@linkplain ZeroCopyTransfer#name() name}
 * @param priority     its {@linkplain ZeroCopyTransfer#priority() priority}
 * @param className    the implementing class
 * @param availability whether it is usable here, and why not
 */
public record ProviderStatus(String name, int priority, String className, Availability availability) {
}
