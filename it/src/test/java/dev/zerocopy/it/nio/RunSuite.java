package dev.zerocopy.it.nio;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit class in a child JVM and prints {@code tests <found> succeeded <n> failed <n>
 * skipped <n>}, then the failures. Exits with 0 only if tests ran and none failed.
 */
public final class RunSuite {

    private RunSuite() {
    }

    public static void main(String[] args) throws Exception {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Class.forName(args[0])))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        System.out.println("tests " + summary.getTestsFoundCount() + " succeeded " + summary.getTestsSucceededCount()
                + " failed " + summary.getTotalFailureCount() + " skipped " + summary.getTestsSkippedCount());
        summary.printFailuresTo(new PrintWriter(System.out, true), 30);
        System.out.flush();
        System.exit(summary.getTotalFailureCount() == 0 && summary.getTestsFoundCount() > 0 ? 0 : 1);
    }
}
