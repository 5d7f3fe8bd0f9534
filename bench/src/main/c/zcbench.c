/*
 * zcbench: the C reference (the ceiling) of the zerocopy benchmark harness.
 *
 * Each mode runs one plain system-call loop, the way a careful C program would, and prints one line:
 *   bytes=<moved> ns=<wall time of the loop> cpu_ns=<user+sys CPU time of the loop> calls=<n>
 * Sockets connect to 127.0.0.1:<port>, where the Java harness runs the peer (a sink or a source) that
 * every variant of a scenario shares. Wall and CPU time start after the connection is made, as in the
 * harness's Java variants. Errors print a message to stderr and exit with status 1.
 *
 *   zcbench sendfile  <port> <file> <count>                        S1: sendfile loop, file -> socket
 *   zcbench sendcalls <port> <file> <region> <callsize> <calls>    S4: one sendfile call per request
 *   zcbench splice    <port> <file> <count>                        S2: splice loop, socket -> pipe -> file
 *   zcbench cfr       <in> <out> <count>                           S3: copy_file_range loop
 *   zcbench relay     <srcport> <dstport>                          S5: splice relay, socket -> pipe -> socket
 *
 * Modes that read from a socket first write one "go" byte: the source peer starts sending on it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* Linux moves at most MAX_RW_COUNT (INT_MAX rounded down to a page) per call. */
#define MAX_CHUNK 0x7ffff000L
/* splice moves at most one pipe's worth per call; a 1 MiB pipe is what the provider uses too. */
#define PIPE_BYTES (1 << 20)

static void die(const char *what) {
    fprintf(stderr, "zcbench: %s: %s\n", what, strerror(errno));
    exit(1);
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* User + system time of the process, the same clock the Java harness reads (getrusage's sum, in ns). */
static long long cpu_ns(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) {
        die("clock_gettime");
    }
    return (long long) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int connect_local(const char *port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        die("socket");
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short) atoi(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        die("connect");
    }
    return fd;
}

static void send_go(int fd) {
    if (write(fd, "g", 1) != 1) {
        die("write go byte");
    }
}

static void make_pipe(int p[2]) {
    if (pipe(p) != 0) {
        die("pipe");
    }
    fcntl(p[1], F_SETPIPE_SZ, PIPE_BYTES); /* best effort: the default 64 KiB pipe still works */
}

static int open_or_die(const char *path, int flags) {
    int fd = open(path, flags);
    if (fd < 0) {
        die(path);
    }
    return fd;
}

/* Moves everything in the pipe to the target (a file at *off, or a socket when off is NULL). */
static void drain(int pipe_in, int target, loff_t *off, long n) {
    while (n > 0) {
        ssize_t w = splice(pipe_in, NULL, target, off, (size_t) n, SPLICE_F_MOVE | SPLICE_F_MORE);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("splice pipe->target");
        }
        n -= w;
    }
}

/* Splices from a socket through a pipe to the target until the count or end of stream. */
static long long splice_all(int sock, int target, loff_t *off, long long count) {
    int p[2];
    make_pipe(p);
    long long done = 0;
    while (done < count) {
        long want = count - done < PIPE_BYTES ? (long) (count - done) : PIPE_BYTES;
        ssize_t n = splice(sock, NULL, p[1], NULL, (size_t) want, SPLICE_F_MOVE | SPLICE_F_MORE);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("splice socket->pipe");
        }
        if (n == 0) {
            break;
        }
        drain(p[0], target, off, n);
        done += n;
    }
    close(p[0]);
    close(p[1]);
    return done;
}

static long long sendfile_range(int sock, int fd, off_t off, long long count) {
    long long done = 0;
    while (done < count) {
        long want = count - done < MAX_CHUNK ? (long) (count - done) : MAX_CHUNK;
        ssize_t n = sendfile(sock, fd, &off, (size_t) want);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("sendfile");
        }
        if (n == 0) {
            break;
        }
        done += n;
    }
    return done;
}

static void report(long long bytes, long long calls, long long t0, long long c0) {
    long long t1 = now_ns();
    long long c1 = cpu_ns();
    printf("bytes=%lld ns=%lld cpu_ns=%lld calls=%lld\n", bytes, t1 - t0, c1 - c0, calls);
}

int main(int argc, char **argv) {
    if (argc >= 5 && strcmp(argv[1], "sendfile") == 0) {
        int fd = open_or_die(argv[3], O_RDONLY);
        int sock = connect_local(argv[2]);
        long long t0 = now_ns(), c0 = cpu_ns();
        long long done = sendfile_range(sock, fd, 0, atoll(argv[4]));
        report(done, 1, t0, c0);
        close(sock);
        return 0;
    }
    if (argc >= 7 && strcmp(argv[1], "sendcalls") == 0) {
        int fd = open_or_die(argv[3], O_RDONLY);
        int sock = connect_local(argv[2]);
        long long region = atoll(argv[4]);
        long long call = atoll(argv[5]);
        long long calls = atoll(argv[6]);
        long long slots = region / call;
        long long t0 = now_ns(), c0 = cpu_ns();
        long long done = 0;
        for (long long i = 0; i < calls; i++) {
            done += sendfile_range(sock, fd, (off_t) ((i % slots) * call), call);
        }
        report(done, calls, t0, c0);
        close(sock);
        return 0;
    }
    if (argc >= 5 && strcmp(argv[1], "splice") == 0) {
        int fd = open_or_die(argv[3], O_WRONLY);
        int sock = connect_local(argv[2]);
        long long t0 = now_ns(), c0 = cpu_ns();
        send_go(sock);
        loff_t off = 0;
        long long done = splice_all(sock, fd, &off, atoll(argv[4]));
        report(done, 1, t0, c0);
        close(sock);
        return 0;
    }
    if (argc >= 5 && strcmp(argv[1], "cfr") == 0) {
        int in = open_or_die(argv[2], O_RDONLY);
        int out = open_or_die(argv[3], O_WRONLY);
        long long count = atoll(argv[4]);
        long long t0 = now_ns(), c0 = cpu_ns();
        long long done = 0;
        loff_t off_in = 0, off_out = 0;
        while (done < count) {
            long want = count - done < MAX_CHUNK ? (long) (count - done) : MAX_CHUNK;
            ssize_t n = copy_file_range(in, &off_in, out, &off_out, (size_t) want, 0);
            if (n < 0) {
                if (errno == EINTR) {
                    continue;
                }
                die("copy_file_range");
            }
            if (n == 0) {
                break;
            }
            done += n;
        }
        report(done, 1, t0, c0);
        return 0;
    }
    if (argc >= 4 && strcmp(argv[1], "relay") == 0) {
        int src = connect_local(argv[2]);
        int dst = connect_local(argv[3]);
        long long t0 = now_ns(), c0 = cpu_ns();
        send_go(src);
        long long done = splice_all(src, dst, NULL, 0x7fffffffffffffffLL);
        report(done, 1, t0, c0);
        shutdown(dst, SHUT_WR);
        close(dst);
        close(src);
        return 0;
    }
    fprintf(stderr, "usage: see the comment at the top of zcbench.c\n");
    return 2;
}
