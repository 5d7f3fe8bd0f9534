package dev.zerocopy.bsd;

import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.emulated.SeedScenarios;
import dev.zerocopy.spi.TransferStep;
import java.nio.channels.FileChannel;
import java.util.List;

/** The seed regressions on emulated FreeBSD and macOS. */
class SeedRegressionTest extends SeedScenarios {

    @Override
    protected List<EmulatedKernel> kernels() {
        return List.of(EmulatedFreeBsd.OS.boot(FaultPlan.none()), EmulatedMacOs.OS.boot(FaultPlan.none()));
    }

    @Override
    protected TransferStep sendfile(EmulatedKernel kernel, FileChannel file, int fileFd, int socket) {
        BsdSteps system = kernel instanceof FreeBsdLibc freeBsd
                ? new FreeBsdSteps(freeBsd) : new MacOsSteps((MacOsLibc) kernel);
        return system.sendfile(fileFd, socket);
    }
}
