package dev.zerocopy.nio;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Lets the class path call restricted methods on JDK 22 and later, as {@code --enable-native-access=ALL-UNNAMED}
 * does, so that the operating-system providers can bind libc through JNA without JDK 24+'s "restricted
 * method" warning: an agent jar cannot declare {@code Enable-Native-Access} (only an executable jar's
 * manifest can), and the agent promises to print nothing. Does nothing on JDK 17 to 21 (no such check),
 * when the library is in a named module (give the flag for that module), or when the system property
 * {@value #PROPERTY} is {@code false}.
 *
 * <p>How: a one-method class is defined in {@code java.base}'s {@code sun.nio.ch} package (open to the
 * library by then, see {@link BootstrapBridge}) that calls the JDK's internal
 * {@code JavaLangAccess.addEnableNativeAccessToAllUnnamed()}, which is what the launcher does for the flag.
 */
final class NativeAccess {

    /** The system property that turns this off. */
    static final String PROPERTY = "dev.zerocopy.agent.nativeAccess";

    private static final String NAME = "sun.nio.ch.ZeroCopyNativeAccess";

    private NativeAccess() {
    }

    /**
     * Enables native access for the class path if this JDK checks it and nothing says otherwise.
     *
     * @param fileChannelImpl a class of the package that receives the helper
     * @return whether native access was enabled
     * @throws ReflectiveOperationException if the helper could not be defined or run
     */
    static boolean enableForClassPath(Class<?> fileChannelImpl) throws ReflectiveOperationException {
        if ("false".equals(System.getProperty(PROPERTY)) || NativeAccess.class.getModule().isNamed()) {
            return false;
        }
        Method enable;
        Method access;
        try {
            Class<?> javaLangAccess = Class.forName("jdk.internal.access.JavaLangAccess");
            enable = javaLangAccess.getMethod("addEnableNativeAccessToAllUnnamed");
            access = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess");
        } catch (ClassNotFoundException | NoSuchMethodException olderJdk) {
            return false;
        }
        byte[] bytes = new ByteBuddy(ClassFileVersion.JAVA_V17)
                .subclass(Object.class)
                .implement(Runnable.class)
                .name(NAME)
                .method(ElementMatchers.named("run"))
                .intercept(MethodCall.invoke(enable).onMethodCall(MethodCall.invoke(access)))
                .make()
                .getBytes();
        Class<?> helper;
        try {
            helper = MethodHandles.privateLookupIn(fileChannelImpl, MethodHandles.lookup()).defineClass(bytes);
        } catch (LinkageError defined) {
            helper = Class.forName(NAME, false, fileChannelImpl.getClassLoader());
        }
        ((Runnable) helper.getConstructor().newInstance()).run();
        return true;
    }
}
