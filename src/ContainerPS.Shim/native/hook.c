/*
 * One OCI hook (runtime-spec config.md, "POSIX-platform Hooks"), the only place that knows how to run one: fork,
 * exec path with args and env, the container's state JSON (runtime.md "State") on its stdin, wait with the timeout
 * (then SIGKILL, and the hook failed). Used twice: by the container child's step interpreter (child.c,
 * CPS_RUN_HOOK: createContainer, startContainer) and by the supervisor or a command for the hooks of the runtime
 * namespace (Hooks/HookRunner.cs: prestart, createRuntime, poststart, poststop).
 *
 * Same rules as child.c: no allocation, no locks, no stdio, only syscall() and plain memory: the child may be the
 * fork of a multi-threaded .NET process. HookNative.cs mirrors struct cps_hook byte for byte.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define CPS_CLONE_PIDFD 0x00001000L
#define CPS_CLOSE_RANGE_NONE 0
#define CPS_P_PIDFD 3

struct cps_hook {
    const char *path;           /* absolute: execve does not search */
    char *const *argv;
    char *const *envp;
    const char *root;           /* chroot here before the exec (createContainer: the host's root), or NULL */
    const char *state;          /* the state JSON, or its head when with_pid: it ends in "pid": */
    int64_t state_length;
    const char *state_tail;     /* with_pid: what follows the pid ("}") */
    int64_t tail_length;
    int64_t timeout_ms;         /* <= 0: wait as long as it takes */
    int32_t with_pid;           /* write getpid() between state and state_tail (the pid as the container sees it) */
    int32_t output_fd;          /* the hook's stdout and stderr, or -1 to keep this process's */
    int32_t status;             /* out: the wait status (si_status and si_code folded as waitpid's) */
    int32_t reserved;
};

static int64_t now_ms(void)
{
    struct timespec t;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static _Noreturn void exec_hook(const struct cps_hook *hook, int stdin_fd)
{
    /* Handlers back to SIG_DFL (ignored ones would survive execve), then every signal unblocked: the caller blocked
     * them all around the fork so no handler of its own could run here. */
    uint64_t zero[4] = { 0 };
    for (int signal = 1; signal <= 64; signal++) {
        if (signal != SIGKILL && signal != SIGSTOP) syscall(SYS_rt_sigaction, signal, zero, 0, 8);
    }
    if (syscall(SYS_dup3, stdin_fd, 0, 0) < 0) syscall(SYS_exit_group, 127);
    if (hook->output_fd >= 0) {
        syscall(SYS_dup3, hook->output_fd, 1, 0);
        syscall(SYS_dup3, hook->output_fd, 2, 0);
    }
    syscall(SYS_close_range, 3, ~0U, CPS_CLOSE_RANGE_NONE);
    if (hook->root != 0 && (syscall(SYS_chroot, hook->root) < 0 || syscall(SYS_chdir, "/") < 0)) syscall(SYS_exit_group, 127);
    uint64_t empty = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &empty, 0, 8);
    syscall(SYS_execve, hook->path, hook->argv, hook->envp);
    syscall(SYS_exit_group, 127); /* not found or not executable: 127, as a shell says */
    __builtin_unreachable();
}

static void write_all(int fd, const char *data, int64_t length)
{
    while (length > 0) {
        long written = syscall(SYS_write, fd, data, length);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return; /* the hook closed its stdin (EPIPE: SIGPIPE is blocked here) */
        data += written;
        length -= written;
    }
}

static void write_pid(int fd)
{
    char digits[24];
    int at = sizeof digits;
    long pid = syscall(SYS_getpid);
    do { digits[--at] = (char)('0' + pid % 10); pid /= 10; } while (pid > 0);
    write_all(fd, digits + at, sizeof digits - at);
}

/* Waits for the hook until the deadline; 0 when it ended, -ETIMEDOUT when it had to be killed. */
static int wait_ended(int pidfd, int64_t timeout_ms)
{
    int64_t deadline = now_ms() + timeout_ms;
    for (;;) {
        struct pollfd ended = { .fd = pidfd, .events = POLLIN };
        int64_t left = timeout_ms > 0 ? deadline - now_ms() : -1;
        if (timeout_ms > 0 && left < 0) left = 0;
        long ready = syscall(SYS_poll, &ended, 1, (int)left);
        if (ready > 0) return 0;
        if (ready == 0) return -ETIMEDOUT;
        if (errno != EINTR) return -errno;
    }
}

/*
 * Runs the hook to its end. 0: it exited 0. -ETIMEDOUT: it outlived its timeout and was killed. -ECANCELED: it
 * exited non-zero or was killed by a signal (hook->status says how; 127 for a path that cannot be executed).
 * Another -errno: it could not be started (pipe, clone). Every signal is blocked meanwhile, and restored.
 */
long cps_run_hook(struct cps_hook *hook)
{
    uint64_t all = ~0ULL, old = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8);
    long result;
    int pipe_fds[2];
    if (syscall(SYS_pipe2, pipe_fds, O_CLOEXEC) < 0) {
        result = -errno;
        goto out;
    }
    int pidfd = -1;
    long pid = syscall(SYS_clone, CPS_CLONE_PIDFD | SIGCHLD, 0, &pidfd, 0, 0);
    if (pid == 0) exec_hook(hook, pipe_fds[0]);
    syscall(SYS_close, pipe_fds[0]);
    if (pid < 0) {
        result = -errno;
        syscall(SYS_close, pipe_fds[1]);
        goto out;
    }
    write_all(pipe_fds[1], hook->state, hook->state_length);
    if (hook->with_pid) {
        write_pid(pipe_fds[1]);
        write_all(pipe_fds[1], hook->state_tail, hook->tail_length);
    }
    syscall(SYS_close, pipe_fds[1]);
    /* A hook that closed its stdin early left a SIGPIPE pending on this thread (blocked, not ignored, in the
     * container child): take it, or it would kill the child once its signals are unblocked. */
    uint64_t sigpipe = 1ULL << (SIGPIPE - 1);
    struct timespec no_wait = { 0, 0 };
    syscall(SYS_rt_sigtimedwait, &sigpipe, 0, &no_wait, 8);
    result = wait_ended(pidfd, hook->timeout_ms);
    if (result == -ETIMEDOUT) syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, 0, 0);
    siginfo_t info = { 0 };
    while (syscall(SYS_waitid, CPS_P_PIDFD, pidfd, &info, WEXITED, 0) < 0 && errno == EINTR) { }
    syscall(SYS_close, pidfd);
    hook->status = info.si_code == CLD_EXITED ? (info.si_status & 0xff) << 8 : info.si_status & 0x7f;
    if (result == 0 && hook->status != 0) result = -ECANCELED;
out:
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, 0, 8);
    return result;
}
