package dev.zerocopy.nio;

import java.lang.invoke.MethodHandles;
import java.util.function.Consumer;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Enables native access, on JDK 22 and later, for the agent's own module (see {@link AgentLayer}), so that
 * the operating-system providers bind libc through JNA without JDK 24+'s "restricted method" warning: an
 * agent jar cannot declare {@code Enable-Native-Access} (only an executable jar's manifest can), and the
 * agent promises to print nothing. Does nothing on JDK 17 to 21 (no such check), or when the system
 * property {@value AgentLayer#NATIVE_ACCESS_PROPERTY} is {@code false}.
 *
 * <p>How: the public {@code ModuleLayer.Controller.enableNativeAccess} is itself restricted (a caller
 * without native access makes the JDK warn), so a one-method class is defined in {@code java.base}'s
 * {@code sun.nio.ch} package (open to this module by then) that calls the JDK's internal
 * {@code JavaLangAccess.addEnableNativeAccess(Module)}, which is what that method and the launcher's
 * {@code --enable-native-access=<module>} do. Only the given module gains access; the class path keeps the
 * JDK's default.
 */
final class NativeAccess {

    private static final String NAME = "sun.nio.ch.ZeroCopyNativeAccess";
    private static final String JAVA_LANG_ACCESS = "jdk/internal/access/JavaLangAccess";

    private NativeAccess() {
    }

    /**
     * Enables native access for a module if this JDK checks it and the system property does not say
     * otherwise.
     *
     * @param module          the module, in a layer the agent defined
     * @param fileChannelImpl a class of the package that receives the helper; open to this module
     * @return whether native access was enabled
     * @throws ReflectiveOperationException if the helper could not be defined or run
     */
    static boolean enable(Module module, Class<?> fileChannelImpl) throws ReflectiveOperationException {
        if (Runtime.version().feature() < 22 || "false".equals(System.getProperty(AgentLayer.NATIVE_ACCESS_PROPERTY))
                || !module.isNamed()) {
            return false;
        }
        Class<?> helper;
        try {
            helper = Class.forName(NAME, false, fileChannelImpl.getClassLoader());
        } catch (ClassNotFoundException absent) {
            try {
                helper = MethodHandles.privateLookupIn(fileChannelImpl, MethodHandles.lookup()).defineClass(bytes());
            } catch (LinkageError raced) {
                helper = Class.forName(NAME, false, fileChannelImpl.getClassLoader());
            }
        }
        @SuppressWarnings("unchecked")
        Consumer<Module> enable = (Consumer<Module>) helper.getConstructor().newInstance();
        enable.accept(module);
        return true;
    }

    /** {@code public final class ZeroCopyNativeAccess implements Consumer}, whose accept enables the module. */
    private static byte[] bytes() {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
                NAME.replace('.', '/'), null, "java/lang/Object", new String[] {"java/util/function/Consumer"});
        MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
        MethodVisitor accept = writer.visitMethod(Opcodes.ACC_PUBLIC, "accept", "(Ljava/lang/Object;)V", null, null);
        accept.visitCode();
        accept.visitMethodInsn(Opcodes.INVOKESTATIC, "jdk/internal/access/SharedSecrets", "getJavaLangAccess",
                "()L" + JAVA_LANG_ACCESS + ";", false);
        accept.visitVarInsn(Opcodes.ALOAD, 1);
        accept.visitTypeInsn(Opcodes.CHECKCAST, "java/lang/Module");
        accept.visitMethodInsn(Opcodes.INVOKEINTERFACE, JAVA_LANG_ACCESS, "addEnableNativeAccess",
                "(Ljava/lang/Module;)Ljava/lang/Module;", true);
        accept.visitInsn(Opcodes.POP);
        accept.visitInsn(Opcodes.RETURN);
        accept.visitMaxs(2, 2);
        accept.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }
}
