/*
 * The container child: what runs in the new namespaces after clone3(2) (cps_clone3 below). It interprets a list of raw system
 * calls that the supervisor (C#) prepared in native memory before the clone, so no managed code ever runs in the
 * child (launcher-feasibility.md §3: a managed child hangs under GC pressure or corrupts the parent's code heap).
 *
 * Why C and not hand-assembled machine code (the research used 116 bytes of x86-64): the interpreter is readable and
 * debuggable (gdb, printf while developing), and it ports to arm64 unchanged; only the syscall numbers differ, and C#
 * takes them from its per-architecture table (SyscallTable.cs). The build compiles this file and links it statically
 * into the NativeAOT binary, as runc does with nsexec.c.
 *
 * Rules for code in this file: no allocation, no locks, no stdio. Only syscall() and plain memory.
 * ChildStep.cs mirrors struct cps_step byte for byte.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include <signal.h>
#include <sys/syscall.h>

#define CPS_FORK_INIT (-2)          /* pseudo call: fork; the parent becomes the reaping init (init.c) */
#define CPS_RUN_HOOK (-3)          /* pseudo call: run the hook arg[0] points at (hook.c) */
#define CPS_NO_SLOT (-1)
#define CPS_SLOTS 8
#define CPS_RESULT_POSITIVE 1       /* a result of 0 is a failure (EOF where a byte was expected) */

struct cps_step {
    int64_t nr;                     /* system call number, CPS_FORK_INIT or CPS_RUN_HOOK */
    int64_t arg[6];
    int32_t flags;
    int32_t save_slot;              /* keep the result (an fd) in this slot, or CPS_NO_SLOT */
    int32_t load_arg;               /* replace this argument ... */
    int32_t load_slot;              /* ... with this slot's value, or CPS_NO_SLOT */
    int32_t tolerated_errno[2];     /* these errnos do not fail the setup ... */
    int32_t skip_when_tolerated[2]; /* ... and skip this many following steps */
    int32_t skip_when_succeeded;    /* the alternative of a pair is not needed */
    int32_t reserved;
};

struct cps_context {
    int32_t error_fd;               /* CLOEXEC pipe: {step index, errno} on failure; EOF means execve succeeded */
    int32_t count;
    struct cps_step *steps;
};

struct cps_report { int64_t step; int64_t error; };

_Noreturn void cps_run_init(pid_t child);
struct cps_hook;
long cps_run_hook(struct cps_hook *hook);

static _Noreturn void fail(const struct cps_context *ctx, int64_t index, int64_t error)
{
    struct cps_report report = { index, error };
    syscall(SYS_write, ctx->error_fd, &report, sizeof report);
    syscall(SYS_exit_group, 127);
    __builtin_unreachable();
}

static int tolerated(const struct cps_step *step, int error, int *skip)
{
    for (int i = 0; i < 2; i++) {
        if (step->tolerated_errno[i] != 0 && step->tolerated_errno[i] == error) {
            *skip = step->skip_when_tolerated[i];
            return 1;
        }
    }
    return 0;
}

int cps_child_main(void *arg)
{
    const struct cps_context *ctx = arg;
    int64_t slots[CPS_SLOTS] = { 0 };
    for (int i = 0; i < ctx->count; i++) {
        const struct cps_step *step = &ctx->steps[i];
        int64_t a[6];
        for (int j = 0; j < 6; j++) a[j] = step->arg[j];
        if (step->load_slot != CPS_NO_SLOT) a[step->load_arg] = slots[step->load_slot];

        long result;
        if (step->nr == CPS_FORK_INIT) {
            result = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
            if (result > 0) cps_run_init((pid_t)result);
        } else if (step->nr == CPS_RUN_HOOK) {
            result = cps_run_hook((struct cps_hook *)(intptr_t)a[0]);
            if (result < 0) {
                errno = (int)-result;
                result = -1;
            }
        } else {
            result = syscall(step->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        }
        int skip = 0;
        if (result == -1 && !tolerated(step, errno, &skip)) fail(ctx, i, errno);
        if (result == 0 && (step->flags & CPS_RESULT_POSITIVE)) fail(ctx, i, EPIPE);
        if (result >= 0) skip = step->skip_when_succeeded;
        if (step->save_slot != CPS_NO_SLOT) slots[step->save_slot] = result;
        i += skip;
    }
    syscall(SYS_exit_group, 127); /* the list always ends in execve; getting here is a bug in the plan */
    return 127;
}

/* struct clone_args of linux/sched.h (CLONE_ARGS_SIZE_VER2, Linux 5.7), spelled out: that header and glibc's
 * sched.h define the same CLONE_* names. */
struct cps_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

#define CPS_CLONE_PIDFD 0x00001000ULL
#define CPS_CLONE_INTO_CGROUP 0x200000000ULL

/*
 * clone3(2) with fork semantics (no CLONE_VM, no new stack): the child runs cps_child_main on its copy of this
 * thread's stack and never returns here, so no managed code runs in it (launcher-feasibility.md section 3). With
 * cgroup_fd >= 0 the child is born in that cgroup (CLONE_INTO_CGROUP, cgroup v2, Linux 5.7+): nothing has to move
 * it there, which on v2 takes the kernel's global threadgroup lock. Returns the pid, or -errno.
 */
long cps_clone3(uint64_t namespace_flags, int cgroup_fd, int *pidfd, void *context)
{
    struct cps_clone_args args = { 0 };
    args.flags = namespace_flags | CPS_CLONE_PIDFD | (cgroup_fd >= 0 ? CPS_CLONE_INTO_CGROUP : 0);
    args.pidfd = (uint64_t)(uintptr_t)pidfd;
    /* clone3(2) refuses an exit signal with CLONE_PARENT (create --pid-file): the child then signals its new parent
     * with the caller's own exit signal, SIGCHLD here. */
    args.exit_signal = (namespace_flags & 0x00008000ULL /* CLONE_PARENT */) ? 0 : SIGCHLD;
    args.cgroup = cgroup_fd >= 0 ? (uint64_t)cgroup_fd : 0;
    long pid = syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) {
        cps_child_main(context);
        syscall(SYS_exit_group, 127); /* not reached: the plan ends in execve or exit_group */
    }
    return pid < 0 ? -errno : pid;
}
