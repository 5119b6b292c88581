namespace ContainerPS.Shim.Child;

/// <summary>Refines the step just added: tolerated errors, alternatives, fd passing between steps.</summary>
internal readonly unsafe struct StepHandle(StepList list, int index)
{
    public int Index => index;

    /// <summary>The call failing with <paramref name="errno"/> is fine; it then skips <paramref name="skip"/> following steps.</summary>
    public StepHandle Tolerate(int errno, int skip = 0)
    {
        ref ChildStep step = ref list.At(index);
        int slot = step.ToleratedErrno[0] == 0 ? 0 : step.ToleratedErrno[1] == 0 ? 1 :
            throw new InvalidOperationException("a step tolerates at most two errnos");
        step.ToleratedErrno[slot] = errno;
        step.SkipWhenTolerated[slot] = skip;
        return this;
    }

    /// <summary>When the call succeeds, the next <paramref name="skip"/> steps (its fallback) are not needed.</summary>
    public StepHandle SkipWhenSucceeded(int skip)
    {
        list.At(index).SkipWhenSucceeded = skip;
        return this;
    }

    /// <summary>A result of 0 is a failure (EPIPE): a read that must get a byte, not EOF.</summary>
    public StepHandle RequirePositiveResult()
    {
        list.At(index).Flags |= ChildStep.ResultPositive;
        return this;
    }

    /// <summary>Keeps the result (an fd) in <paramref name="slot"/> for a later step.</summary>
    public StepHandle SaveResult(int slot)
    {
        list.At(index).SaveSlot = slot;
        return this;
    }

    /// <summary>Argument <paramref name="argument"/> is the result an earlier step kept in <paramref name="slot"/>.</summary>
    public StepHandle LoadArgument(int argument, int slot)
    {
        ref ChildStep step = ref list.At(index);
        step.LoadArgument = argument;
        step.LoadSlot = slot;
        return this;
    }
}
