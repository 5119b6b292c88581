namespace ContainerPS.Shim.Child;

/// <summary>
/// The container child's whole setup, in order (launcher-feasibility.md §8, runc's libcontainer/rootfs_linux.go and
/// standard_init_linux.go for what a complete container needs): wait to be in the cgroups, wait for the
/// createRuntime hooks, the rootfs and pivot_root, the mounts (resolved inside the new root), the createContainer
/// hooks, detach the host's tree, hostname, limits, credentials, then wait for start, startContainer hooks, execve.
/// </summary>
internal static class ChildPlan
{
    public static StepList Build(ChildPlanInput input)
    {
        var steps = new StepList(Native.SyscallTable.Current);
        try
        {
            PrologueSteps.Add(steps, input);
            HookSteps.AddWaitForRuntimeHooks(steps, input);
            if (input.HasMountNamespace)
            {
                RootfsSteps.Add(steps, input);
                MountSteps.Add(steps, input);
                SpecDeviceSteps.Add(steps, input);
                SysctlSteps.Add(steps, input);
                MaskSteps.Add(steps, input);
                HookSteps.AddCreateContainer(steps, input);
            }
            else
            {
                HookSteps.AddCreateContainer(steps, input);
                RootfsSteps.AddChroot(steps, input);
            }
            DetachSteps.Add(steps, input);
            TerminalSteps.Add(steps, input.Terminal);
            CredentialSteps.Add(steps, input);
            ExecSteps.Add(steps, input);
            return steps;
        }
        catch
        {
            steps.Dispose();
            throw;
        }
    }
}
