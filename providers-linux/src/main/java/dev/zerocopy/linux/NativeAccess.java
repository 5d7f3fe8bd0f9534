package dev.zerocopy.linux;

import java.lang.reflect.Method;

/**
 * Whether JNA may load here without the JDK printing a warning. JDK 24 and later warn when a module
 * without native access calls {@code System.load} (JEP 472); this provider then reports itself unusable,
 * with the flag to pass, rather than print on the user's console. Before JDK 24, always.
 */
final class NativeAccess {

    private NativeAccess() {
    }

    static boolean enabled(Class<?> caller) {
        if (Runtime.version().feature() < 24) {
            return true;
        }
        try {
            Method enabled = Module.class.getMethod("isNativeAccessEnabled");
            return (boolean) enabled.invoke(caller.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
