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
 * With --wait-for-bundle the supervisor also keeps the caller's stdin, as fd 4: it reads the bundle once a byte
 * arrives there, so the caller can start it while still writing the bundle (the engine overlaps this process's
 * start with its own work that way).
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

#define REPORT_FD 3
#define BUNDLE_READY_FD 4
#define FAILURE 1

static int detached_report_fd = -1;

/* The supervisor's end of the report pipe (fd 3), or -1 when this process is not a detached `create`. */
int cps_detached_report_fd(void) { return detached_report_fd; }

struct command_line {
    const char *command;   /* NULL: none, or --help (which CommandLine answers before any command) */
    int wait_for_bundle;
};

static int takes_value(const char *option)
{
    static const char *const with_value[] = {
        "--root", "--bundle", "-b", "--process", "-p", "--status-file", "--log", "--log-format",
    };
    for (size_t i = 0; i < sizeof with_value / sizeof with_value[0]; i++) {
        if (strcmp(option, with_value[i]) == 0) return 1;
    }
    return 0;
}

static struct command_line parse(int argc, char **argv)
{
    struct command_line line = { NULL, 0 };
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            line.command = NULL;
            return line;
        }
        if (strncmp(arg, "--", 2) == 0 && strchr(arg, '=') != NULL) continue;
        if (arg[0] == '-' && arg[1] != '\0' && (arg[1] < '0' || arg[1] > '9')) {
            if (strcmp(arg, "--wait-for-bundle") == 0) line.wait_for_bundle = 1;
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

/* The supervisor's side: a session of its own, stdio on /dev/null, the report pipe as fd 3 (and the caller's stdin as
 * fd 4 when it waits for the bundle), default signals. */
static int become_detached(int report, int keep_stdin)
{
    if (setsid() < 0) return -1;
    /* The report first: when the caller had stdio closed, the pipe may have got one of fds 0-2. */
    if (report != REPORT_FD) {
        if (dup2(report, REPORT_FD) < 0) return -1;
        close(report);
    } else if (fcntl(REPORT_FD, F_SETFD, 0) < 0) {
        return -1;
    }
    if (keep_stdin && dup2(STDIN_FILENO, BUNDLE_READY_FD) < 0) return -1;
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null < 0) return -1;
    for (int fd = 0; fd < 3; fd++) {
        if (dup2(null, fd) < 0) return -1;
    }
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
    if (become_detached(pipe_fds[1], line.wait_for_bundle) < 0) _exit(FAILURE); /* the caller reads EOF: a clear failure there */
    detached_report_fd = REPORT_FD;
}
