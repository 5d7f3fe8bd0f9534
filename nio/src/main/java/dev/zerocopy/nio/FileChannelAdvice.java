package dev.zerocopy.nio;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.ProtectionDomain;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.VisibilityBridgeStrategy;
import net.bytebuddy.dynamic.scaffold.InstrumentedType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * The entry advice for {@code sun.nio.ch.FileChannelImpl#transferTo(long, long, WritableByteChannel)} and
 * {@code #transferFrom(ReadableByteChannel, long, long)}, and the transformer that inlines it. The advice
 * reads a handle from the {@link BootstrapBridge}; a non-null result skips the JDK's body and becomes the
 * return value, {@code null} (or no handle) runs the body unchanged, and an exception propagates as the
 * JDK method's own.
 *
 * <p>The class is retransformed without class format changes (no new members; Byte Buddy's frozen
 * instrumented type), which retransformation requires. Byte Buddy's {@code AgentBuilder} is not used: its
 * constructor touches {@code sun.misc.Unsafe}, which prints a warning on JDK 24 and later.
 */
final class FileChannelAdvice implements ClassFileTransformer {

    /** The JDK class instrumented. */
    static final String FILE_CHANNEL_IMPL = "sun.nio.ch.FileChannelImpl";

    private final FieldDescription transferToHandle;
    private final FieldDescription transferFromHandle;
    private volatile Throwable failure;
    private volatile boolean transformed;

    private FileChannelAdvice(Class<?> bridge) throws NoSuchFieldException {
        transferToHandle = new FieldDescription.ForLoadedField(
                BootstrapBridge.field(bridge, BootstrapBridge.TRANSFER_TO));
        transferFromHandle = new FieldDescription.ForLoadedField(
                BootstrapBridge.field(bridge, BootstrapBridge.TRANSFER_FROM));
    }

    /**
     * Retransforms {@code FileChannelImpl} and keeps the transformer registered, so that a later
     * retransformation by another agent keeps the advice.
     *
     * @param instrumentation the JVM's instrumentation
     * @param fileChannelImpl the loaded class
     * @param bridge          the bridge class
     * @throws Exception if the class could not be transformed; it is then unchanged
     */
    static void install(Instrumentation instrumentation, Class<?> fileChannelImpl, Class<?> bridge)
            throws Exception {
        FileChannelAdvice transformer = new FileChannelAdvice(bridge);
        instrumentation.addTransformer(transformer, true);
        instrumentation.retransformClasses(fileChannelImpl);
        if (!transformer.transformed) {
            instrumentation.removeTransformer(transformer);
            throw new IllegalStateException("could not instrument " + FILE_CHANNEL_IMPL, transformer.failure);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        if (loader != null || !"sun/nio/ch/FileChannelImpl".equals(className)) {
            return null;
        }
        try {
            byte[] result = weave(classFile);
            transformed = true;
            return result;
        } catch (Throwable e) {
            failure = e;
            return null;
        }
    }

    private byte[] weave(byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(FILE_CHANNEL_IMPL, classFile),
                ClassFileLocator.ForClassLoader.ofBootLoader());
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(FILE_CHANNEL_IMPL).resolve();
        return new ByteBuddy()
                .with(TypeValidation.DISABLED)
                .with(InstrumentedType.Factory.Default.FROZEN)
                .with(VisibilityBridgeStrategy.Default.NEVER)
                .with(Implementation.Context.Disabled.Factory.INSTANCE)
                .redefine(type, locator)
                .visit(Advice.withCustomMapping().bind(Handle.class, transferToHandle)
                        .to(TransferTo.class, ReturnHandled.class)
                        .on(named("transferTo").and(takesArguments(long.class, long.class, WritableByteChannel.class))))
                .visit(Advice.withCustomMapping().bind(Handle.class, transferFromHandle)
                        .to(TransferFrom.class, ReturnHandled.class)
                        .on(named("transferFrom").and(takesArguments(ReadableByteChannel.class, long.class, long.class))))
                .make(pool)
                .getBytes();
    }

    /** Binds an advice parameter to the bridge's handle field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Handle {
    }

    /** Exit advice of both methods: the handler's answer, if any, becomes the return value. */
    static final class ReturnHandled {
        private ReturnHandled() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter Long handled, @Advice.Return(readOnly = false) long returned) {
            if (handled != null) {
                returned = handled;
            }
        }
    }

    /** Entry advice for {@code transferTo}. */
    static final class TransferTo {
        private TransferTo() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Long enter(@Handle MethodHandle handle, @Advice.This FileChannel self,
                @Advice.Argument(0) long position, @Advice.Argument(1) long count,
                @Advice.Argument(2) WritableByteChannel target) throws Throwable {
            return handle == null ? null : (Long) handle.invokeExact(self, position, count, target);
        }
    }

    /** Entry advice for {@code transferFrom}. */
    static final class TransferFrom {
        private TransferFrom() {
        }

        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Long enter(@Handle MethodHandle handle, @Advice.This FileChannel self,
                @Advice.Argument(0) ReadableByteChannel source, @Advice.Argument(1) long position,
                @Advice.Argument(2) long count) throws Throwable {
            return handle == null ? null : (Long) handle.invokeExact(self, source, position, count);
        }
    }
}
