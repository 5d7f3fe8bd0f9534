package dev.zerocopy.nio;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The entry advice for {@code sun.nio.ch.FileChannelImpl#transferTo(long, long, WritableByteChannel)} and
 * {@code #transferFrom(ReadableByteChannel, long, long)}, and the transformer that weaves it with ASM. Each
 * method starts with
 * <pre>{@code
 * MethodHandle handle = ZeroCopyTransferBridge.transferTo;   // or transferFrom
 * if (handle != null) {
 *     Long handled = (Long) handle.invokeExact(this, position, count, target);
 *     if (handled != null) return handled;
 * }
 * // the JDK's body, unchanged
 * }</pre>
 * so a non-null answer of the {@link BootstrapBridge}'s handle becomes the return value, {@code null} (or no
 * handle) runs the body unchanged, and an exception propagates as the JDK method's own.
 *
 * <p>Retransformation forbids new members, so the advice adds none: it only prepends instructions, with
 * one stack map frame of its own (the two paths that fall through to the body meet there). The rest of the
 * class file is copied as it is.
 */
final class FileChannelAdvice implements ClassFileTransformer {

    /** The JDK class instrumented. */
    static final String FILE_CHANNEL_IMPL = "sun.nio.ch.FileChannelImpl";

    private static final String INTERNAL_NAME = FILE_CHANNEL_IMPL.replace('.', '/');
    /** The instrumented methods' descriptors, with the bridge field each one reads. */
    private static final String TRANSFER_TO = "(JJLjava/nio/channels/WritableByteChannel;)J";
    private static final String TRANSFER_FROM = "(Ljava/nio/channels/ReadableByteChannel;JJ)J";
    /** The operand stack the prologue needs: the handle, this, two longs and a reference. */
    private static final int PROLOGUE_STACK = 7;

    private volatile Throwable failure;
    private volatile int woven;

    private FileChannelAdvice() {
    }

    /**
     * Retransforms {@code FileChannelImpl} and keeps the transformer registered, so that a later
     * retransformation by another agent keeps the advice.
     *
     * @param instrumentation the JVM's instrumentation
     * @param fileChannelImpl the loaded class
     * @throws Exception if the class could not be transformed; it is then unchanged
     */
    static void install(Instrumentation instrumentation, Class<?> fileChannelImpl) throws Exception {
        FileChannelAdvice transformer = new FileChannelAdvice();
        instrumentation.addTransformer(transformer, true);
        instrumentation.retransformClasses(fileChannelImpl);
        if (transformer.woven != 2) {
            instrumentation.removeTransformer(transformer);
            throw new IllegalStateException("could not instrument " + FILE_CHANNEL_IMPL
                    + " (methods woven: " + transformer.woven + " of 2)", transformer.failure);
        }
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        if (loader != null || !INTERNAL_NAME.equals(className)) {
            return null;
        }
        try {
            return weave(classFile);
        } catch (Throwable e) {
            failure = e;
            return null;
        }
    }

    private byte[] weave(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        int[] count = new int[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor body = super.visitMethod(access, name, descriptor, signature, exceptions);
                if ((access & Opcodes.ACC_STATIC) != 0) {
                    return body;
                }
                if (name.equals(BootstrapBridge.TRANSFER_TO) && descriptor.equals(TRANSFER_TO)) {
                    count[0]++;
                    return new Prologue(body, BootstrapBridge.TRANSFER_TO, BootstrapBridge.TRANSFER_TO_TYPE
                            .toMethodDescriptorString(), new int[] {Opcodes.LLOAD, 1, Opcodes.LLOAD, 3, Opcodes.ALOAD, 5});
                }
                if (name.equals(BootstrapBridge.TRANSFER_FROM) && descriptor.equals(TRANSFER_FROM)) {
                    count[0]++;
                    return new Prologue(body, BootstrapBridge.TRANSFER_FROM, BootstrapBridge.TRANSFER_FROM_TYPE
                            .toMethodDescriptorString(), new int[] {Opcodes.ALOAD, 1, Opcodes.LLOAD, 2, Opcodes.LLOAD, 4});
                }
                return body;
            }
        }, 0);
        byte[] result = writer.toByteArray();
        woven = count[0];
        return result;
    }

    /** Prepends the call of the bridge's handle to one method. */
    private static final class Prologue extends MethodVisitor {
        private final String field;
        private final String handleType;
        private final int[] loads;

        /**
         * @param body       the method's writer
         * @param field      the bridge field to read
         * @param handleType the handle's type as a method descriptor
         * @param loads      pairs of load opcode and local slot, for the arguments after {@code this}
         */
        Prologue(MethodVisitor body, String field, String handleType, int[] loads) {
            super(Opcodes.ASM9, body);
            this.field = field;
            this.handleType = handleType;
            this.loads = loads;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label jdkBody = new Label();
            visitFieldInsn(Opcodes.GETSTATIC, BootstrapBridge.internalName(), field,
                    Type.getDescriptor(MethodHandle.class));
            visitInsn(Opcodes.DUP);
            visitJumpInsn(Opcodes.IFNULL, jdkBody);
            visitVarInsn(Opcodes.ALOAD, 0);
            for (int i = 0; i < loads.length; i += 2) {
                visitVarInsn(loads[i], loads[i + 1]);
            }
            visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", handleType, false);
            visitInsn(Opcodes.DUP);
            visitJumpInsn(Opcodes.IFNULL, jdkBody);
            visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
            visitInsn(Opcodes.LRETURN);
            // Both ways here leave one reference (the null handle or the null answer): drop it, run the body.
            visitLabel(jdkBody);
            visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/Object"});
            visitInsn(Opcodes.POP);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, PROLOGUE_STACK), maxLocals);
        }
    }
}
