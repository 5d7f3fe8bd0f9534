package dev.zerocopy.cli;

import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns exceptions into the one-line, errno-style descriptions a shell user expects. */
final class Failures {

    private Failures() {
    }

    /**
     * Describes an exception in one line: the file or address it names, if any, and the cause, such as
     * {@code "/tmp/x: No such file or directory"}.
     *
     * @param failure the exception
     * @return the description, never {@code null}
     */
    static String describe(Throwable failure) {
        if (failure instanceof CliFailure) {
            return failure.getMessage();
        }
        if (failure instanceof FileSystemException fs) {
            return describeFile(fs);
        }
        if (failure instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        if (failure instanceof ClosedByInterruptException) {
            return "interrupted";
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        if (failure instanceof java.io.IOException || failure instanceof java.util.ServiceConfigurationError) {
            return oneLine(message);
        }
        return failure.getClass().getName() + ": " + oneLine(message);
    }

    /**
     * Describes an exception after a context: like {@link #describe(Throwable)}, but leaves out the file
     * name of a file system exception if the context names that file already.
     *
     * @param context the text printed before, such as {@code "cannot read /tmp/x"}
     * @param failure the exception
     * @return the description
     */
    static String describeAfter(String context, Throwable failure) {
        if (failure instanceof FileSystemException fs && fs.getFile() != null && fs.getOtherFile() == null
                && context.contains(fs.getFile())) {
            String full = describeFile(fs);
            return full.substring(fs.getFile().length() + 2);
        }
        return describe(failure);
    }

    private static String describeFile(FileSystemException fs) {
        String reason = fs.getReason();
        if (reason == null) {
            reason = fs instanceof NoSuchFileException ? "No such file or directory"
                    : fs instanceof AccessDeniedException ? "Permission denied"
                    : fs instanceof FileAlreadyExistsException ? "File exists"
                    : fs instanceof NotDirectoryException ? "Not a directory"
                    : fs instanceof DirectoryNotEmptyException ? "Directory not empty"
                    : fs.getClass().getSimpleName();
        }
        StringBuilder line = new StringBuilder();
        if (fs.getFile() != null) {
            line.append(fs.getFile());
            if (fs.getOtherFile() != null) {
                line.append(" -> ").append(fs.getOtherFile());
            }
            line.append(": ");
        }
        return line.append(reason).toString();
    }

    private static String oneLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
