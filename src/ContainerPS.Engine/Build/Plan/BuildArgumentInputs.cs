namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// What the caller hands to a build: the <c>--build-arg</c> values and the automatic platform values, shared by the
/// global scope and every stage scope. It records which given build args an ARG declared, because docker warns about
/// the rest: "[Warning] One or more build-args [...] were not consumed" (Dockerfile reference, "ARG"; proxy args are
/// predefined and never reported).
/// </summary>
public sealed class BuildArgumentInputs
{
    private readonly Dictionary<string, string> given;
    private readonly HashSet<string> consumed = new(StringComparer.Ordinal);

    public BuildArgumentInputs(IReadOnlyDictionary<string, string>? buildArgs, IReadOnlyDictionary<string, string>? platformArgs)
    {
        given = new Dictionary<string, string>(buildArgs ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Platform = platformArgs ?? new Dictionary<string, string>();
    }

    /// <summary>The automatic platform ARG values, see <see cref="AutomaticPlatformArgs.For"/>.</summary>
    public IReadOnlyDictionary<string, string> Platform { get; }

    /// <summary>The <c>--build-arg</c> value of <paramref name="name"/>, or null when none was given.</summary>
    public string? Given(string name) => given.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Records that an ARG declared <paramref name="name"/>, so a given value for it is consumed.</summary>
    public void MarkDeclared(string name) => consumed.Add(name);

    /// <summary>The given build args no ARG declared, sorted, for the caller's warning.</summary>
    public IReadOnlyList<string> Unconsumed() =>
        given.Keys.Where(name => !consumed.Contains(name) && !PredefinedBuildArgs.IsProxy(name))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>docker's warning text for <see cref="Unconsumed"/>, or null when every given build arg was used.</summary>
    public string? UnconsumedWarning()
    {
        IReadOnlyList<string> names = Unconsumed();
        return names.Count == 0 ? null : $"[Warning] One or more build-args [{string.Join(' ', names)}] were not consumed";
    }
}
