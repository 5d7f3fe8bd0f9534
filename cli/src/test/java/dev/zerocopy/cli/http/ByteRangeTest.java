package dev.zerocopy.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 1000 -> {1} {2}+{3}")
    @CsvSource({
        "'bytes=0-99',      PARTIAL,        0,   100",
        "'bytes=100-',      PARTIAL,        100, 900",
        "'bytes=-10',       PARTIAL,        990, 10",
        "'bytes=-5000',     PARTIAL,        0,   1000",
        "'bytes=990-5000',  PARTIAL,        990, 10",
        "'bytes=999-999',   PARTIAL,        999, 1",
        "'BYTES = 5-6',     PARTIAL,        5,   2",
        "'bytes=1000-',     UNSATISFIABLE,  0,   0",
        "'bytes=5000-6000', UNSATISFIABLE,  0,   0",
        "'bytes=-0',        UNSATISFIABLE,  0,   0",
        "'bytes=9-3',       FULL,           0,   1000",
        "'bytes=0-1,5-6',   FULL,           0,   1000",
        "'items=0-1',       FULL,           0,   1000",
        "'bytes=a-b',       FULL,           0,   1000",
        "'bytes=-',         FULL,           0,   1000",
        "'bytes=+1-2',      FULL,           0,   1000",
        "'bytes=99999999999999999999-', FULL, 0, 1000",
    })
    void interpretsRangeHeaders(String header, ByteRange.Kind kind, long start, long length) {
        ByteRange range = ByteRange.parse(header, 1000);
        assertEquals(kind, range.kind());
        assertEquals(start, range.start());
        assertEquals(length, range.length());
    }

    @Test
    void absentHeaderIsTheWholeFile() {
        assertEquals(new ByteRange(ByteRange.Kind.FULL, 0, 7, 7), ByteRange.parse(null, 7));
    }

    @Test
    void emptyFileSatisfiesNoRange() {
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=0-", 0).kind());
        assertEquals(ByteRange.Kind.UNSATISFIABLE, ByteRange.parse("bytes=-1", 0).kind());
    }

    @Test
    void contentRangeNamesInclusiveBoundsAndSize() {
        assertEquals("bytes 10-19/100", ByteRange.parse("bytes=10-19", 100).contentRange());
        assertEquals("bytes */100", ByteRange.parse("bytes=100-", 100).contentRange());
    }
}
