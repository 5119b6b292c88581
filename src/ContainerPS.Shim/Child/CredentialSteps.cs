using static ContainerPS.Shim.Native.Linux;

namespace ContainerPS.Shim.Child;

/// <summary>
/// rlimits, the capability bounding set, user and groups, the remaining capability sets, no_new_privs and the
/// working directory: the order runc's standard init uses, so each step still has the privilege it needs (the seccomp
/// filter comes here only without no_new_privs; with it, it is the last step before the launch: ExecSteps).
/// </summary>
internal static class CredentialSteps
{
    /// <summary>The container's own process: a missing working directory is made first, as docker run does.</summary>
    public static void Add(StepList steps, ChildPlanInput input) =>
        Add(steps, input.Spec.Process, input.Rlimits, input.LastCapability, makeWorkingDirectory: true, input.Seccomp, input.PreservedFds);

    /// <summary>
    /// The same for any process: the container's own, or one that `exec` starts in it (Child/ExecPlan), which gets no
    /// missing working directory made: docker exec fails on one (chdir, ENOENT) rather than change the container.
    /// </summary>
    public static void Add(StepList steps, Runtime.Spec.ProcessSpec process, IReadOnlyList<(int Resource, ulong Soft, ulong Hard)> rlimits,
        int lastCapability, bool makeWorkingDirectory, Seccomp.SeccompFilter? seccomp, int preservedFds = 0)
    {
        AddRlimits(steps, rlimits);
        if (makeWorkingDirectory) AddMakeWorkingDirectory(steps, process.Cwd);
        var caps = process.Capabilities;
        ulong bounding = Capabilities.Mask(caps?.Bounding, lastCapability);
        for (int cap = 0; cap <= lastCapability; cap++)
        {
            if ((bounding & (1UL << cap)) == 0) steps.Add($"drop-bounding-{cap}", steps.Calls.Prctl, PR_CAPBSET_DROP, cap);
        }
        // Without no_new_privs the filter needs CAP_SYS_ADMIN: install it while the process still has it (SeccompSteps).
        if (!process.NoNewPrivileges) Seccomp.SeccompSteps.Add(steps, seccomp, preservedFds);
        AddUser(steps, process.User);
        AddCapset(steps, lastCapability, caps);
        steps.Add("clear-ambient-capabilities", steps.Calls.Prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        // The kernel raises an ambient capability only if it is permitted and inheritable (capabilities(7)); one that
        // is not stays off, as runc leaves it (runc spec's own config lists ambient ones with no inheritable set).
        foreach (string name in caps?.Ambient ?? [])
        {
            steps.Add($"raise-ambient-{name}", steps.Calls.Prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, Capabilities.Number(name), 0, 0).Tolerate(EPERM);
        }
        if (process.NoNewPrivileges) steps.Add("no-new-privs", steps.Calls.Prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        steps.Add("chdir-cwd", steps.Calls.Chdir, steps.Str(process.Cwd));
    }

    private static void AddRlimits(StepList steps, IReadOnlyList<(int Resource, ulong Soft, ulong Hard)> rlimits)
    {
        foreach (var (resource, soft, hard) in rlimits)
        {
            long limit = steps.Arena.Struct(new Native.RLimit { Current = soft, Maximum = hard });
            steps.Add($"prlimit-{resource}", steps.Calls.Prlimit64, 0, resource, limit, 0);
        }
    }

    /// <summary>docker creates a missing working directory; as root, before the user switch, after pivot_root.</summary>
    private static void AddMakeWorkingDirectory(StepList steps, string cwd)
    {
        string path = "";
        foreach (string part in ContainerPath.Components(cwd))
        {
            path += "/" + part;
            steps.Add($"mkdir-cwd-{path}", steps.Calls.Mkdirat, AT_FDCWD, steps.Str(path), 0x1ed).Tolerate(EEXIST);
        }
    }

    /// <summary>
    /// Only the groups the spec names (never the supervisor's). KEEPCAPS keeps the permitted set across the switch
    /// to a non-root uid so capset can then set exactly the spec's sets.
    /// </summary>
    private static void AddUser(StepList steps, Runtime.Spec.UserSpec user)
    {
        var groups = user.AdditionalGids ?? [];
        steps.Add("keep-capabilities", steps.Calls.Prctl, PR_SET_KEEPCAPS, 1, 0, 0, 0);
        steps.Add("setgroups", steps.Calls.Setgroups, groups.Count, groups.Count == 0 ? 0 : steps.Arena.Array(groups));
        steps.Add("setresgid", steps.Calls.Setresgid, user.Gid, user.Gid, user.Gid);
        steps.Add("setresuid", steps.Calls.Setresuid, user.Uid, user.Uid, user.Uid);
        steps.Add("clear-keep-capabilities", steps.Calls.Prctl, PR_SET_KEEPCAPS, 0, 0, 0, 0);
    }

    private static unsafe void AddCapset(StepList steps, int lastCapability, Runtime.Spec.CapabilitiesSpec? caps)
    {
        ulong effective = Capabilities.Mask(caps?.Effective, lastCapability);
        ulong permitted = Capabilities.Mask(caps?.Permitted, lastCapability);
        ulong inheritable = Capabilities.Mask(caps?.Inheritable, lastCapability);
        byte* header = steps.Arena.Allocate(8); // struct __user_cap_header_struct { u32 version; int pid; }
        *(uint*)header = LINUX_CAPABILITY_VERSION_3;
        var data = (uint*)steps.Arena.Allocate(24); // struct __user_cap_data_struct[2]: effective, permitted, inheritable
        data[0] = (uint)effective; data[1] = (uint)permitted; data[2] = (uint)inheritable;
        data[3] = (uint)(effective >> 32); data[4] = (uint)(permitted >> 32); data[5] = (uint)(inheritable >> 32);
        steps.Add("capset", steps.Calls.Capset, (long)header, (long)data);
    }
}
