namespace ContainerPS.Shim.Child;

/// <summary>
/// The child's setup as a list of named raw system calls, built in C# before the clone. The names turn the child's
/// {step index, errno} report into "step 'mount-proc' failed: errno 13 (EACCES)".
/// </summary>
internal sealed unsafe class StepList(Native.SyscallTable calls) : IDisposable
{
    private readonly List<ChildStep> _steps = [];
    private readonly List<string> _names = [];

    public Native.SyscallTable Calls { get; } = calls;
    public NativeArena Arena { get; } = new();
    public int Count => _steps.Count;

    public IReadOnlyList<string> Names => _names;

    public string NameOf(long index) => index >= 0 && index < _names.Count ? _names[(int)index] : $"#{index}";

    public StepHandle Add(string name, long number, params ReadOnlySpan<long> arguments)
    {
        if (arguments.Length > 6) throw new ArgumentException("a system call takes at most 6 arguments", nameof(arguments));
        var step = new ChildStep { Number = number, SaveSlot = ChildStep.NoSlot, LoadSlot = ChildStep.NoSlot };
        for (int i = 0; i < arguments.Length; i++) step.Arguments[i] = arguments[i];
        _steps.Add(step);
        _names.Add(name);
        return new StepHandle(this, _steps.Count - 1);
    }

    public long Str(string value) => Arena.String(value);

    /// <summary>After clone the child has its own copy: free the native memory. The names stay for reports.</summary>
    public void ReleaseAfterClone() => Arena.Dispose();

    internal ref ChildStep At(int index) => ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_steps)[index];

    /// <summary>Copies the steps into native memory as the context the clone function receives.</summary>
    public ChildContext* Seal(int errorFd)
    {
        var steps = (ChildStep*)Arena.Allocate(_steps.Count * sizeof(ChildStep));
        for (int i = 0; i < _steps.Count; i++) steps[i] = _steps[i];
        var context = (ChildContext*)Arena.Allocate(sizeof(ChildContext));
        *context = new ChildContext { ErrorFd = errorFd, Count = _steps.Count, Steps = steps };
        return context;
    }

    public void Dispose() => ReleaseAfterClone();
}
