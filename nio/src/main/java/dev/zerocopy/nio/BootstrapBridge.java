package dev.zerocopy.nio;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The bridge between the advice woven into {@code sun.nio.ch.FileChannelImpl} and the library: a class
 * {@value #NAME} generated at start-up and defined, through a private lookup on {@code FileChannelImpl}
 * (possible because the agent opened {@code sun.nio.ch} to this module), in the JDK's own package and class
 * loader. It has two public static volatile {@link MethodHandle} fields, {@value #TRANSFER_TO} and
 * {@value #TRANSFER_FROM}, which the advice reads and invokes; {@code null} means "run the JDK's body".
 *
 * <p>Why not the bootstrap class path: appending to it makes HotSpot print "Sharing is only supported for
 * boot loader classes because bootstrap classpath has been appended" and turns class data sharing off for
 * application classes. A class in {@code java.base} needs no read edges or exports either.
 */
final class BootstrapBridge {

    /** The bridge's class name. */
    static final String NAME = "sun.nio.ch.ZeroCopyTransferBridge";
    /** The field holding the handle of {@code transferTo}: (FileChannel, long, long, WritableByteChannel)Long. */
    static final String TRANSFER_TO = "transferTo";
    /** The field holding the handle of {@code transferFrom}: (FileChannel, ReadableByteChannel, long, long)Long. */
    static final String TRANSFER_FROM = "transferFrom";

    /** The type of the {@value #TRANSFER_TO} handle. */
    static final MethodType TRANSFER_TO_TYPE =
            MethodType.methodType(Long.class, FileChannel.class, long.class, long.class, WritableByteChannel.class);
    /** The type of the {@value #TRANSFER_FROM} handle. */
    static final MethodType TRANSFER_FROM_TYPE =
            MethodType.methodType(Long.class, FileChannel.class, ReadableByteChannel.class, long.class, long.class);

    private BootstrapBridge() {
    }

    /**
     * Returns the bridge class, defining it if this JVM has none yet.
     *
     * @param fileChannelImpl the JDK class whose package receives the bridge; must be open to this module
     * @return the bridge class
     * @throws ReflectiveOperationException if the class cannot be defined
     */
    static Class<?> define(Class<?> fileChannelImpl) throws ReflectiveOperationException {
        try {
            return Class.forName(NAME, false, fileChannelImpl.getClassLoader());
        } catch (ClassNotFoundException absent) {
            try {
                return MethodHandles.privateLookupIn(fileChannelImpl, MethodHandles.lookup()).defineClass(bytes());
            } catch (LinkageError raced) {
                return Class.forName(NAME, false, fileChannelImpl.getClassLoader());
            }
        }
    }

    /** The class file: no constructor, two fields, nothing else. */
    private static byte[] bytes() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
                internalName(), null, "java/lang/Object", null);
        String handle = Type.getDescriptor(MethodHandle.class);
        int access = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE;
        writer.visitField(access, TRANSFER_TO, handle, null, null).visitEnd();
        writer.visitField(access, TRANSFER_FROM, handle, null, null).visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /**
     * Returns the bridge's name as class files spell it.
     *
     * @return the internal name
     */
    static String internalName() {
        return NAME.replace('.', '/');
    }

    /**
     * Points the bridge at {@link AgentHandler}'s static methods.
     *
     * @param bridge the bridge class
     * @throws ReflectiveOperationException if the handles cannot be made or set
     */
    static void connect(Class<?> bridge) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        field(bridge, TRANSFER_TO).set(null,
                lookup.findStatic(AgentHandler.class, "transferTo", TRANSFER_TO_TYPE));
        field(bridge, TRANSFER_FROM).set(null,
                lookup.findStatic(AgentHandler.class, "transferFrom", TRANSFER_FROM_TYPE));
    }

    /**
     * Returns one of the bridge's fields.
     *
     * @param bridge the bridge class
     * @param name   {@value #TRANSFER_TO} or {@value #TRANSFER_FROM}
     * @return the field
     * @throws NoSuchFieldException if the bridge has no such field
     */
    static Field field(Class<?> bridge, String name) throws NoSuchFieldException {
        return bridge.getField(name);
    }
}
