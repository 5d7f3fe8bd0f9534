package dev.zerocopy.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's Implementation-Version and the running JDK. */
public final class VersionProvider implements IVersionProvider {

    /** Picocli instantiates the provider. */
    public VersionProvider() {
    }

    @Override
    public String[] getVersion() {
        String version = ZeroCopyCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "zerocopy " + (version != null ? version : "(development build)"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
