using ContainerPS.Engine.Runtime;

namespace ContainerPS.Commands;

/// <summary>What the container cmdlets add to <see cref="ContainerPSCmdlet"/>: the container facade over the same store.</summary>
public abstract class ContainerCmdlet : ContainerPSCmdlet
{
    private ContainerService? _containers;

    /// <summary>The engine's container facade for <c>-Root</c>, created on first use.</summary>
    protected ContainerService Containers => _containers ??= OrTerminate(() => new ContainerService(Images.Root));

    /// <summary>
    /// The containers a user's word names: a wildcard pattern matches names and ids and may match nothing; a literal
    /// word is a name, id or id prefix, and naming no container is a ContainerNotFound error.
    /// </summary>
    protected IEnumerable<ContainerInfo> Resolve(string nameOrId)
    {
        if (!ContainerNameMatch.IsWildcard(nameOrId)) return [Containers.Get(nameOrId)];
        var pattern = ContainerNameMatch.Pattern(nameOrId);
        return Containers.List().Where(c => ContainerNameMatch.Matches(pattern, c));
    }
}
