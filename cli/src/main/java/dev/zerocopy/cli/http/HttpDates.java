package dev.zerocopy.cli.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP dates in the IMF-fixdate form of RFC 9110, such as {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
final class HttpDates {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /**
     * Formats an instant, truncated to the second.
     *
     * @param instant the instant
     * @return the date
     */
    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /**
     * Parses an HTTP date (IMF-fixdate, or RFC 1123 with a one-digit day).
     *
     * @param text the date
     * @return the instant, or {@code null} if it is not a date
     */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
