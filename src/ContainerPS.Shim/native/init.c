/*
 * The reaping init for containers created with io.containerps.init=true (docker run --init): PID 1 forwards every
 * signal it receives to the real process, reaps every orphan that the pid namespace hands it, and exits with the
 * real process's status (128 + signal when it was killed), as tini does.
 *
 * Why a fork of the child instead of a static init binary bind-mounted into the container (docker's tini at
 * /sbin/docker-init): nothing is added to the container's filesystem and no second binary has to be built, shipped
 * and exec'd. The init is the setup child itself after it has dropped to the container's capabilities, user and
 * no_new_privs. Its /proc/1/exe is the host's supervisor binary, so the child set PR_SET_DUMPABLE 0 as its first step:
 * a non-dumpable task's /proc/<pid>/exe cannot be opened without CAP_SYS_PTRACE, which the container does not get
 * (runc CVE-2019-5736: overwriting the host runtime through /proc/<pid>/exe).
 *
 * Every signal is still blocked here (the supervisor cloned with all signals blocked); blocked signals reach a pid
 * namespace's init even from the host, and sigtimedwait takes them one by one. The forked real process unblocks
 * them in its next step, before execve.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE (1U << 1)
#endif

static int exit_status(int status)
{
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return 255;
}

/* Reaps every child that has exited; returns the real process's exit status once it is among them, else -1. */
static int reap(pid_t child)
{
    for (;;) {
        int status = 0;
        long pid = syscall(SYS_wait4, -1, &status, WNOHANG, 0);
        if (pid <= 0) return -1;
        if (pid == child) return exit_status(status);
    }
}

_Noreturn void cps_run_init(pid_t child)
{
    /* The init holds nothing of the supervisor's: not the error pipe (its EOF tells the supervisor execve succeeded)
       nor the start pipe. */
    syscall(SYS_close_range, 3, ~0U, 0);
    uint64_t all = ~0ULL;
    for (;;) {
        siginfo_t info;
        long sig = syscall(SYS_rt_sigtimedwait, &all, &info, 0, 8);
        if (sig < 0) continue;
        if (sig == SIGCHLD) {
            int status = reap(child);
            if (status >= 0) syscall(SYS_exit_group, status);
        } else {
            syscall(SYS_kill, child, sig);
        }
    }
}
