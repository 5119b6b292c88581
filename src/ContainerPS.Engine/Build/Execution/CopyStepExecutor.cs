using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Layers;
using ContainerPS.Engine.Runtime;
using ContainerPS.Engine.Runtime.Copy;
using ContainerPS.Engine.Store;

namespace ContainerPS.Engine.Build.Execution;

/// <summary>
/// Makes the layer of a planned COPY or ADD: the stage's root opened over a fresh upper directory
/// (<see cref="BuildRoot"/>), the sources written into it, and the upper directory written as a layer. No container
/// is needed: nothing from the image runs. <c>--chown</c> names are looked up in the stage's own /etc/passwd and
/// /etc/group (Dockerfile reference, "COPY --chown"); a user without a group gets its uid as gid.
/// </summary>
internal static class CopyStepExecutor
{
    public static WrittenLayer Write(BuildSession session, StageState state, CopyPlan plan, CancellationToken ct)
    {
        var ownership = Ownership(plan, state) with { Mode = plan.Chmod };
        using var root = BuildRoot.Open(session.BuildDirectory, state.LowerDirectories);
        using var from = plan.FromLowerDirectories is { } lowers ? BuildRoot.Open(session.BuildDirectory, lowers) : null;
        new CopyWriter(root.Fd.Value, ownership, ct).Write(plan, from?.Fd.Value ?? -1);
        var layout = session.Containers.Images.Layout;
        return new LayerWriter(layout, new BlobStore(layout)).Write(root.Upper, LayerCompression.Gzip, ct);
    }

    private static CopyOwnership Ownership(CopyPlan plan, StageState state)
    {
        if (string.IsNullOrEmpty(plan.Chown)) return new CopyOwnership(0, 0);
        using var files = new ImageFileSystem(state.LowerDirectories);
        try
        {
            var resolved = new UserResolver(files).Resolve(plan.Chown);
            return new CopyOwnership(resolved.Uid, plan.Chown.Contains(':') ? resolved.Gid : resolved.Uid);
        }
        catch (ContainerPSException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.InvalidArgument)
        {
            throw new ContainerPSException(e.Kind, e.ErrorId, $"{plan.Instruction.Location}: --chown={plan.Chown}: {e.Message}", e, plan.Chown);
        }
    }
}
