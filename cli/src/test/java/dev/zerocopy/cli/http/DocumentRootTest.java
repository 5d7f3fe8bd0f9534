package dev.zerocopy.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentRootTest {

    @TempDir
    Path base;

    private Path dir;
    private DocumentRoot root;

    @BeforeEach
    void createTree() throws IOException {
        dir = Files.createDirectories(base.resolve("www"));
        Files.writeString(dir.resolve("a b.txt"), "x");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/inner.txt"), "y");
        Files.writeString(base.resolve("secret.txt"), "s");
        Files.createSymbolicLink(dir.resolve("etc"), Path.of("/etc"));
        Files.createSymbolicLink(dir.resolve("up"), base.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("inside"), dir.resolve("sub/inner.txt"));
        root = new DocumentRoot(dir);
    }

    @AfterEach
    void removeLinkOutOfTheTempDir() throws IOException {
        // JUnit warns about every link that points out of a temporary directory.
        Files.deleteIfExists(dir.resolve("etc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/sub/%2e%2e/a",
        "/..%2fsecret.txt", "/%2fetc/passwd", "/a%00b", "/..\\secret.txt", "/etc/passwd", "/etc", "/up",
        "http://localhost/../secret.txt"
    })
    void refusesEveryWayOut(String target) {
        assertEquals(DocumentRoot.Outcome.FORBIDDEN, root.resolve(target).outcome(), target);
    }

    @Test
    void findsFilesWithDecodedNames() throws IOException {
        DocumentRoot.Resolution found = root.resolve("/a%20b.txt?x=1");
        assertEquals(DocumentRoot.Outcome.FOUND, found.outcome());
        assertEquals(dir.toRealPath().resolve("a b.txt"), found.path());
        assertEquals("/a b.txt", found.decoded());
    }

    @Test
    void absolutePathsStayInsideTheRoot() throws IOException {
        assertEquals(DocumentRoot.Outcome.NOT_FOUND, root.resolve("//usr/bin/env").outcome());
        DocumentRoot.Resolution inner = root.resolve("//sub//./inner.txt");
        assertEquals(dir.toRealPath().resolve("sub/inner.txt"), inner.path());
        assertEquals("/sub/inner.txt", inner.decoded());
    }

    @Test
    void followsLinksThatStayInside() throws IOException {
        assertEquals(dir.toRealPath().resolve("sub/inner.txt"), root.resolve("/inside").path());
    }

    @Test
    void absoluteFormTargetsAreServed() {
        assertEquals(DocumentRoot.Outcome.FOUND, root.resolve("http://localhost:8080/sub/inner.txt").outcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "sub/inner.txt", "/%zz", "/%4", "/%c3%28", "/a b"})
    void rejectsMalformedTargets(String target) {
        assertEquals(DocumentRoot.Outcome.BAD_REQUEST, root.resolve(target).outcome(), target);
    }

    @Test
    void missingFilesAreNotFound() {
        assertEquals(DocumentRoot.Outcome.NOT_FOUND, root.resolve("/nope.txt").outcome());
    }

    @Test
    void aFileIsNotADirectory() {
        assertEquals(DocumentRoot.Outcome.NOT_FOUND, root.resolve("/sub/inner.txt/").outcome());
        assertEquals(DocumentRoot.Outcome.FOUND, root.resolve("/sub/").outcome());
    }

    @Test
    void listingsShowOnlyWhatRequestsWouldGet() {
        assertTrue(root.servable(dir.resolve("a b.txt")));
        assertTrue(root.servable(dir.resolve("sub")));
        assertTrue(root.servable(dir.resolve("inside")));
        assertFalse(root.servable(dir.resolve("etc")), "a link out of the root");
        assertFalse(root.servable(dir.resolve("up")), "a link out of the root");
    }
}
