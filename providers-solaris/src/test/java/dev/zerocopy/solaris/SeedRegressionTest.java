package dev.zerocopy.solaris;

import dev.zerocopy.emulated.EmulatedKernel;
import dev.zerocopy.emulated.FaultPlan;
import dev.zerocopy.emulated.SeedScenarios;
import dev.zerocopy.spi.TransferStep;
import java.nio.channels.FileChannel;
import java.util.List;

/** The seed regressions on emulated Solaris. */
class SeedRegressionTest extends SeedScenarios {

    @Override
    protected List<EmulatedKernel> kernels() {
        return List.of(EmulatedSolaris.OS.boot(FaultPlan.none()));
    }

    @Override
    protected TransferStep sendfile(EmulatedKernel kernel, FileChannel file, int fileFd, int socket) {
        return new SolarisSendfile((SolarisLibc) kernel, fileFd, socket);
    }
}
