package dev.zerocopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** What ships: the license and third-party notices inside zerocopy.jar, and a README that stays inside the repository. */
class DistributionIT {

    private static String entry(JarFile jar, String name) throws Exception {
        ZipEntry entry = jar.getEntry(name);
        assertNotNull(entry, "missing " + name);
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theJarCarriesTheLicenseAndTheThirdPartyNotices() throws Exception {
        Path root = Path.of("..");
        String license = Files.readString(root.resolve("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"));
        try (JarFile jar = new JarFile(ZeroCopyJar.jar().toFile())) {
            assertEquals(license, entry(jar, "META-INF/LICENSE"));
            String notice = entry(jar, "META-INF/NOTICE");
            assertFalse(notice.contains("${"), "versions are filled in: " + notice);
            for (String name : List.of("Java Native Access (JNA) 5.", "Byte Buddy 1.", "picocli 4.", "ASM",
                    "Apache-2.0 OR LGPL-2.1-or-later", "Rafael Winterhalter", "Remko Popma")) {
                assertTrue(notice.contains(name), name + " in\n" + notice);
            }
            // The license texts the notices point to.
            assertTrue(entry(jar, "META-INF/AL2.0").contains("Apache License"));
            assertTrue(entry(jar, "META-INF/LGPL2.1").contains("LESSER GENERAL PUBLIC LICENSE"));
            assertTrue(entry(jar, "META-INF/licenses/ASM").contains("INRIA"));
        }
    }

    @Test
    void theReadmeLinksOnlyIntoTheRepository() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        assertFalse(readme.contains("DESIGN"), "no references to documents outside the repository");
        assertFalse(readme.contains("§"), "no section references to documents outside the repository");
        Matcher link = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)").matcher(readme);
        List<String> broken = new ArrayList<>();
        while (link.find()) {
            String target = link.group(1);
            if (target.startsWith("http://") || target.startsWith("https://")) {
                continue;
            }
            Path file = root.resolve(target).normalize();
            if (!file.startsWith(root) || !Files.exists(file)) {
                broken.add(target);
            }
        }
        assertEquals(List.of(), broken, "links that leave the repository or lead nowhere");
    }
}
