package dev.zerocopy.cli;

import dev.zerocopy.TransferFailedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns exceptions into the one-line, errno-style descriptions a shell user expects. */
final class Failures {

    /** The description in a {@link TransferFailedException}'s message: "failed with EPIPE (Broken pipe)". */
    private static final Pattern ERRNO_DESCRIPTION = Pattern.compile("failed with \\w+ \\((.+?)\\) after \\d+ bytes");

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

    /**
     * Describes a failed transfer with the one byte count that reached the target, in the user's
     * words: {@code "connection closed by the receiver after 5 bytes (Broken pipe)"},
     * {@code "connection reset by the sender after 5 bytes"}, {@code "interrupted after 5 bytes"},
     * otherwise {@code "REASON after 5 bytes"}.
     *
     * @param failure the exception
     * @param bytes   the bytes that reached the target
     * @param peer    the other end of the connection, if any
     * @return the description
     */
    static String afterBytes(Throwable failure, long bytes, Transfers.Peer peer) {
        String after = " after " + bytes + " bytes";
        if (Interruption.requested() || failure instanceof ClosedByInterruptException) {
            return "interrupted" + after;
        }
        String reason = reason(failure);
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        if (peer != Transfers.Peer.NONE) {
            String who = peer == Transfers.Peer.RECEIVER ? "the receiver" : "the sender";
            if (lower.contains("broken pipe")) {
                return "connection closed by " + who + after + " (Broken pipe)";
            }
            if (lower.contains("connection reset")) {
                return "connection reset by " + who + after;
            }
        }
        return reason + after;
    }

    /**
     * Returns the cause of a failure without the operation, system call or byte count the exception's
     * message may add, such as {@code "Broken pipe"} or {@code "No space left on device"}.
     *
     * @param failure the exception
     * @return the reason
     */
    static String reason(Throwable failure) {
        if (failure instanceof TransferFailedException transfer) {
            if (transfer.errno() != null) {
                Matcher m = ERRNO_DESCRIPTION.matcher(String.valueOf(transfer.getMessage()));
                return m.find() ? m.group(1) : transfer.errno();
            }
            if (transfer.getCause() != null) {
                return reason(transfer.getCause());
            }
        }
        if (failure instanceof ClosedByInterruptException) {
            return "interrupted";
        }
        if (failure instanceof AsynchronousCloseException) {
            return "closed by another thread";
        }
        if (failure instanceof ClosedChannelException) {
            return "channel closed";
        }
        if (failure instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : describeFile(fs);
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : oneLine(message);
    }

    private static String oneLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
