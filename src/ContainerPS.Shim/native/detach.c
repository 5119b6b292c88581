/*
 * `containerps-shim create` detaches the container's supervisor: it must outlive its caller and must not be the
 * caller's descendant (killing a pwsh session's process tree would take the container with it), so create forks and
 * the child becomes the supervisor in a session of its own, as runc's create and conmon leave theirs behind.
 *
 * The fork happens here, in an ELF constructor that glibc runs before main, that is before the .NET runtime starts:
 * no runtime thread exists yet, so the child is a plain single-threaded copy and forking it is safe
 * (launcher-feasibility.md: forking a running CLR is the trap). runc's nsexec.c runs before the Go runtime the same
 * way. The parent never starts .NET: it waits for the supervisor's one-line report on a pipe ("0 running", or
 * "<exit code> <message>"), and exits with that code. One process start instead of two (create, then a spawned
 * `supervise`) is what the run benchmark asked for.
 *
 * With --wait-for-bundle the supervisor also keeps the caller's stdin, as fd B+1 below: it reads the bundle once a byte
 * arrives there, so the caller can start it while still writing the bundle (the engine overlaps this process's
 * start with its own work that way).
 *
 * runc's stdio contract (runc/docs/terminals.md, "pass-through"): without a terminal the container's process gets the
 * caller's own stdin, stdout and stderr. The supervisor's stdio must be /dev/null (it outlives the caller), so the
 * caller's three are kept at fds above the report instead, for the supervisor to hand to the child or close.
 * --preserve-fds N (runc create): the caller's fds 3..3+N-1 reach the container's process at the same numbers, so
 * they stay where they are here, and the report and everything else move above them.
 *
 * Layout in the supervisor, with B = 3 + N: B the report pipe, B+1 the caller's stdin for --wait-for-bundle (or
 * free), B+2..B+4 the caller's stdin, stdout and stderr (-1 when the caller had one closed).
 *
 * This file recognises the command with the same rules as Cli/CommandLine.cs (options that take a value, flags,
 * the first other word); Program.cs checks that both agree.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define FIRST_PRESERVED_FD 3
#define FAILURE 1
/* runc caps nothing, but a number this large is a mistake, not a request. */
#define MAX_PRESERVED_FDS 4096

static int detached_report_fd = -1;
static int preserved_fds = 0;

/* The supervisor's end of the report pipe (fd 3 + N), or -1 when this process is not a detached `create`. */
int cps_detached_report_fd(void) { return detached_report_fd; }

/* --preserve-fds N of a detached `create`: the caller's fds 3..3+N-1 are open at those numbers. */
int cps_preserved_fds(void) { return preserved_fds; }

struct command_line {
    const char *command;   /* NULL: none, or --help (which CommandLine answers before any command) */
    int wait_for_bundle;
    long preserve_fds;     /* -1: not a number */
};

/* Cli/CommandLine.cs's options with a value that `create` or the global options know. */
static int takes_value(const char *option)
{
    static const char *const with_value[] = {
        "--root", "--bundle", "-b", "--process", "-p", "--status-file", "--log", "--log-format", "--criu", "--rootless",
        "--pid-file", "--console-socket", "--preserve-fds",
    };
    for (size_t i = 0; i < sizeof with_value / sizeof with_value[0]; i++) {
        if (strcmp(option, with_value[i]) == 0) return 1;
    }
    return 0;
}

static long parse_count(const char *text)
{
    char *end = NULL;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || n < 0 || n > MAX_PRESERVED_FDS) return -1;
    return n;
}

static struct command_line parse(int argc, char **argv)
{
    struct command_line line = { NULL, 0, 0 };
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            line.command = NULL;
            return line;
        }
        if (strncmp(arg, "--preserve-fds=", 15) == 0) {
            line.preserve_fds = parse_count(arg + 15);
            continue;
        }
        if (strncmp(arg, "--", 2) == 0 && strchr(arg, '=') != NULL) continue;
        if (arg[0] == '-' && arg[1] != '\0' && (arg[1] < '0' || arg[1] > '9')) {
            if (strcmp(arg, "--wait-for-bundle") == 0) line.wait_for_bundle = 1;
            else if (strcmp(arg, "--preserve-fds") == 0 && i + 1 < argc) line.preserve_fds = parse_count(argv[++i]);
            else if (takes_value(arg)) i++;
            continue;
        }
        if (line.command == NULL) line.command = arg;
    }
    return line;
}

/* The caller's side: relay the report, and after a failure wait until the supervisor has cleaned up and gone. */
static _Noreturn void relay_report(int report, pid_t supervisor)
{
    char text[4096];
    size_t used = 0;
    while (used < sizeof text - 1) {
        ssize_t n = read(report, text + used, sizeof text - 1 - used);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        used += (size_t)n;
    }
    text[used] = '\0';
    char *message = NULL;
    long code = strtol(text, &message, 10);
    if (message == text || *message != ' ') {
        code = FAILURE;
        message = "the supervisor exited before the container was created";
    } else {
        message++;
        message[strcspn(message, "\n")] = '\0';
    }
    if (code == 0) _exit(0);
    while (waitpid(supervisor, NULL, 0) < 0 && errno == EINTR) { }
    dprintf(2, "containerps-shim: %s\n", message);
    _exit((int)code);
}

/* A preserved number the caller had closed gets /dev/null, so nothing the supervisor opens later lands on it. */
static int fill_preserved(int count, int null)
{
    for (int fd = FIRST_PRESERVED_FD; fd < FIRST_PRESERVED_FD + count; fd++) {
        if (fcntl(fd, F_GETFD) < 0 && dup2(null, fd) < 0) return -1;
    }
    return 0;
}

/* The supervisor's side: a session of its own, stdio on /dev/null, the report pipe as fd B (and the caller's stdin as
 * fd B+1 when it waits for the bundle), the caller's stdio at B+2..B+4, default signals. */
static int become_detached(int report, int keep_stdin, int preserve)
{
    if (setsid() < 0) return -1;
    int base = FIRST_PRESERVED_FD + preserve;
    /* The report out of the way first: when the caller had fds closed, the pipe may have got one of 0-2 or a
     * preserved number. */
    int moved = fcntl(report, F_DUPFD_CLOEXEC, base + 5);
    if (moved < 0) return -1;
    close(report);
    if (keep_stdin && dup2(STDIN_FILENO, base + 1) < 0) return -1;
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) >= 0) {
            if (dup2(fd, base + 2 + fd) < 0) return -1;
        } else {
            close(base + 2 + fd);
        }
    }
    if (dup2(moved, base) < 0) return -1;
    close(moved);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null < 0) return -1;
    for (int fd = 0; fd < 3; fd++) {
        if (dup2(null, fd) < 0) return -1;
    }
    if (fill_preserved(preserve, null) < 0) return -1;
    if (null > 2) close(null);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int signal_number = 1; signal_number < NSIG; signal_number++) {
        signal(signal_number, SIG_DFL); /* KILL, STOP and glibc's own signals refuse: fine */
    }
    return 0;
}

__attribute__((constructor)) static void detach_for_create(int argc, char **argv, char **envp)
{
    (void)envp;
    struct command_line line = parse(argc, argv);
    if (line.command == NULL || strcmp(line.command, "create") != 0) return;
    /* A bad count: no detach, and CommandLine reports it as a usage error in the caller's process. */
    if (line.preserve_fds < 0) return;
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) < 0) return; /* C# sees no detached fd and fails with a clear message */
    pid_t child = fork();
    if (child < 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        return;
    }
    if (child > 0) {
        close(pipe_fds[1]);
        relay_report(pipe_fds[0], child);
    }
    close(pipe_fds[0]);
    if (become_detached(pipe_fds[1], line.wait_for_bundle, (int)line.preserve_fds) < 0) _exit(FAILURE); /* the caller reads EOF: a clear failure there */
    detached_report_fd = FIRST_PRESERVED_FD + (int)line.preserve_fds;
    preserved_fds = (int)line.preserve_fds;
}
