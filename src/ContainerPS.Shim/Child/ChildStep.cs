using System.Runtime.InteropServices;

namespace ContainerPS.Shim.Child;

/// <summary>One raw system call of the child's setup; mirrors <c>struct cps_step</c> in native/child.c.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ChildStep
{
    public const int NoSlot = -1;
    public const int ResultPositive = 1;

    public long Number;
    public fixed long Arguments[6];
    public int Flags;
    public int SaveSlot;
    public int LoadArgument;
    public int LoadSlot;
    public fixed int ToleratedErrno[2];
    public fixed int SkipWhenTolerated[2];
    public int SkipWhenSucceeded;
    private readonly int _reserved;
}

/// <summary>Mirrors <c>struct cps_context</c> in native/child.c.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ChildContext
{
    public int ErrorFd;
    public int Count;
    public ChildStep* Steps;
}
