using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// The build arguments of one stage (Dockerfile reference, "ARG", "Scope"): a name is visible from the ARG line that
/// declares it to the end of the stage; a bare <c>ARG name</c> takes the --build-arg value, else the global ARG's or
/// automatic platform ARG's value; the predefined proxy ARGs are visible without declaration.
/// <para>
/// ENV wins over ARG (Dockerfile reference, "Using ARG variables"), which this type cannot see: the executor composes
/// <c>name =&gt; config.Env(name) ?? scope.Lookup(name)</c> and passes that as the variables of <see cref="Declare"/>
/// and of every expansion in the stage.
/// </para>
/// </summary>
public sealed class BuildArgumentScope
{
    private readonly GlobalArgumentScope global;
    private readonly BuildArgumentInputs inputs;
    private readonly DeclaredArguments declared;

    internal BuildArgumentScope(GlobalArgumentScope global, BuildArgumentInputs inputs)
    {
        this.global = global;
        this.inputs = inputs;
        declared = new DeclaredArguments(inputs, global.Escape);
    }

    /// <summary>
    /// Declares the names of an ARG instruction. Defaults expand with <paramref name="variables"/>, the ENV-first
    /// composition described on the type; without it, with this scope alone.
    /// </summary>
    public void Declare(DockerfileInstruction instruction, Func<string, string?>? variables = null) =>
        declared.Declare(instruction, variables ?? Lookup, global.Lookup);

    /// <summary>The value of a declared ARG or a given proxy ARG, else null (also for a declared ARG without value).</summary>
    public string? Lookup(string name) =>
        declared.IsDeclared(name) ? declared.ValueOf(name) : PredefinedProxy(name);

    /// <summary>
    /// The ARG values a RUN sees in its environment (Dockerfile reference, "Using ARG variables"): declared ARGs with
    /// a value and the given proxy ARGs.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string proxy in PredefinedBuildArgs.ProxyNames)
            if (inputs.Given(proxy) is { } value) environment[proxy] = value;
        foreach ((string name, string? value) in declared.All)
            if (value is not null) environment[name] = value;
        return environment;
    }

    private string? PredefinedProxy(string name) => PredefinedBuildArgs.IsProxy(name) ? inputs.Given(name) : null;
}
