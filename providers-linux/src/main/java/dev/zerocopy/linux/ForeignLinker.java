package dev.zerocopy.linux;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Downcall handles to C functions through {@code java.lang.foreign} (final in JDK 22), built by
 * reflection so that the provider still compiles for and runs on JDK 17. Every handle takes, before the C
 * arguments, an errno capture segment (typed {@code Object}: see {@link #newErrnoState()}), and only
 * {@code int} and {@code long} arguments: pointers are passed as {@code long} addresses, which the x86-64
 * and AArch64 calling conventions pass exactly like pointers.
 *
 * <p>Used only where the JDK is 22 or later, the module may call restricted methods (else the JDK would
 * print a warning; the JNA binding is used instead) and {@value #PROPERTY} is not {@code jna}.
 */
final class ForeignLinker {

    /** Set to {@code jna} to keep the JNA binding on JDK 22+ (the foreign binding is the default there). */
    static final String PROPERTY = "dev.zerocopy.linux.binding";

    private static final ForeignLinker INSTANCE = create();

    private final Object linker;
    private final Object lookup;
    private final Method find;
    private final Method downcall;
    private final Method describe;
    private final Object intLayout;
    private final Object longLayout;
    private final Object captureErrno;
    private final Class<?> optionType;
    private final Method firstVariadicArg;
    private final Object arena;
    private final Method allocate;
    private final Object stateLayout;
    private final MethodHandle errno;
    private final MethodHandle address;

    private ForeignLinker() throws ReflectiveOperationException {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> ofInt = Class.forName("java.lang.foreign.ValueLayout$OfInt");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> pathElement = Class.forName("java.lang.foreign.MemoryLayout$PathElement");
        linker = linkerType.getMethod("nativeLinker").invoke(null);
        lookup = linkerType.getMethod("defaultLookup").invoke(linker);
        find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
        Class<?> optionArray = Array.newInstance(optionType, 0).getClass();
        downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionArray);
        describe = descriptorType.getMethod("of", layoutType, Array.newInstance(layoutType, 0).getClass());
        intLayout = valueLayoutType.getField("JAVA_INT").get(null);
        longLayout = valueLayoutType.getField("JAVA_LONG").get(null);
        Object options = Array.newInstance(optionType, 1);
        Array.set(options, 0, optionType.getMethod("captureCallState", String[].class)
                .invoke(null, (Object) new String[] {"errno"}));
        captureErrno = options;
        this.optionType = optionType;
        firstVariadicArg = optionType.getMethod("firstVariadicArg", int.class);
        stateLayout = optionType.getMethod("captureStateLayout").invoke(null);
        arena = Class.forName("java.lang.foreign.Arena").getMethod("ofAuto").invoke(null);
        allocate = Class.forName("java.lang.foreign.SegmentAllocator").getMethod("allocate", layoutType);
        Object path = Array.newInstance(pathElement, 1);
        Array.set(path, 0, pathElement.getMethod("groupElement", String.class).invoke(null, "errno"));
        long offset = (long) layoutType.getMethod("byteOffset", path.getClass()).invoke(stateLayout, path);
        MethodHandle get = MethodHandles.publicLookup().findVirtual(segmentType, "get",
                MethodType.methodType(int.class, ofInt, long.class));
        errno = MethodHandles.insertArguments(get, 1, intLayout, offset)
                .asType(MethodType.methodType(int.class, Object.class));
        MethodHandle ofBuffer = MethodHandles.publicLookup().findStatic(segmentType, "ofBuffer",
                MethodType.methodType(segmentType, java.nio.Buffer.class));
        MethodHandle segmentAddress = MethodHandles.publicLookup().findVirtual(segmentType, "address",
                MethodType.methodType(long.class));
        address = MethodHandles.filterReturnValue(ofBuffer, segmentAddress)
                .asType(MethodType.methodType(long.class, java.nio.ByteBuffer.class));
    }

    private static ForeignLinker create() {
        if (Runtime.version().feature() < 22 || "jna".equals(System.getProperty(PROPERTY))
                || !nativeAccessEnabled()) {
            return null;
        }
        try {
            return new ForeignLinker();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            System.getLogger(ForeignLinker.class.getName()).log(System.Logger.Level.DEBUG,
                    "java.lang.foreign not usable; the JNA binding stays", e);
            return null;
        }
    }

    private static boolean nativeAccessEnabled() {
        try {
            return (boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(ForeignLinker.class.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The linker, or empty where the foreign binding is not used (see the class comment). */
    static Optional<ForeignLinker> get() {
        return Optional.ofNullable(INSTANCE);
    }

    /**
     * A handle to the C function {@code name} with the given {@code long}/{@code int} signature, typed
     * {@code (Object errnoState, parameters...) returnType}; empty if the C library lacks the symbol.
     */
    Optional<MethodHandle> downcall(String name, Class<?> returnType, Class<?>... parameters) {
        return downcall(name, -1, returnType, parameters);
    }

    /**
     * As {@link #downcall(String, Class, Class...)}, for a variadic C function ({@code open},
     * {@code fcntl}) whose variadic arguments start at index {@code firstVariadic} of {@code parameters}
     * (their count if none is passed): the C calling convention of a variadic call differs on some
     * systems (x86-64 passes the count of vector registers used).
     */
    Optional<MethodHandle> variadicDowncall(String name, int firstVariadic, Class<?> returnType,
            Class<?>... parameters) {
        return downcall(name, firstVariadic, returnType, parameters);
    }

    /** Whether the C library has the symbol {@code name}; links nothing. */
    boolean has(String name) {
        try {
            return ((Optional<?>) find.invoke(lookup, name)).isPresent();
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private Optional<MethodHandle> downcall(String name, int firstVariadic, Class<?> returnType,
            Class<?>... parameters) {
        try {
            Object options = captureErrno;
            if (firstVariadic >= 0) {
                options = Array.newInstance(optionType, 2);
                Array.set(options, 0, Array.get(captureErrno, 0));
                Array.set(options, 1, firstVariadicArg.invoke(null, firstVariadic));
            }
            Optional<?> symbol = (Optional<?>) find.invoke(lookup, name);
            if (symbol.isEmpty()) {
                return Optional.empty();
            }
            Object argumentLayouts = Array.newInstance(describe.getParameterTypes()[0], parameters.length);
            for (int i = 0; i < parameters.length; i++) {
                Array.set(argumentLayouts, i, layout(parameters[i]));
            }
            Object descriptor = describe.invoke(null, layout(returnType), argumentLayouts);
            MethodHandle handle = (MethodHandle) downcall.invoke(linker, symbol.get(), descriptor, options);
            return Optional.of(handle.asType(handle.type().changeParameterType(0, Object.class)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot link " + name, e);
        }
    }

    /** A fresh errno capture segment, freed by the garbage collector; one per pooled {@link Offsets}. */
    Object newErrnoState() {
        try {
            return allocate.invoke(arena, stateLayout);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The native address of a direct buffer's first byte, fixed for the buffer's life.
     *
     * @param direct a direct buffer, which the caller keeps reachable while it uses the address
     * @return the address
     */
    long address(java.nio.ByteBuffer direct) {
        try {
            return (long) address.invokeExact(direct.duplicate().clear());     // a segment starts at the position
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** A handle {@code (Object state) int} that reads the errno a call left in its capture segment. */
    MethodHandle errnoReader() {
        return errno;
    }

    private Object layout(Class<?> type) {
        if (type == int.class) {
            return intLayout;
        }
        if (type == long.class) {
            return longLayout;
        }
        throw new IllegalArgumentException("only int and long: " + type);
    }
}
