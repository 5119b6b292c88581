namespace ContainerPS.Shim.Seccomp;

/// <summary>
/// The child's step that installs a compiled filter: seccomp(2) SECCOMP_SET_MODE_FILTER with a struct sock_fprog in
/// the plan's native memory. Where it goes in the plan is the callers' choice (CredentialSteps, ExecSteps): with
/// no_new_privs it needs no privilege and comes last before the launch, so the filter never has to allow the setup;
/// without no_new_privs the kernel wants CAP_SYS_ADMIN, so it comes before the uid switch and capset drop it, and
/// the profile must allow the few calls left after it (docker's default does), as with runc.
/// </summary>
internal static class SeccompSteps
{
    private const int SECCOMP_SET_MODE_FILTER = 1;

    /// <param name="preservedFds">runc create --preserve-fds: the fds after 0-2 that stay open past execve.</param>
    public static unsafe void Add(Child.StepList steps, SeccompFilter? filter, int preservedFds = 0)
    {
        if (filter is null) return;
        // Profiles older than close_range(2) (docker's before 20.10, runtime-tools' generator) deny it with EPERM: mark
        // the fds close-on-exec while that is still allowed; the launch's own close_range may then be refused.
        Child.ExecSteps.AddMarkFdsCloseOnExec(steps, "close-fds-on-exec-before-seccomp", preservedFds);
        byte* program = steps.Arena.Allocate(filter.Program.Length);
        filter.Program.CopyTo(new Span<byte>(program, filter.Program.Length));
        byte* fprog = steps.Arena.Allocate(16); // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
        *(ushort*)fprog = (ushort)(filter.Program.Length / 8);
        *(byte**)(fprog + 8) = program;
        steps.Add("seccomp-filter", steps.Calls.Seccomp, SECCOMP_SET_MODE_FILTER, filter.Flags, (long)fprog);
    }
}
