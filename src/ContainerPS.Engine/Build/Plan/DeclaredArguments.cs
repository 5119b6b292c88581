using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Build.Plan;

/// <summary>
/// The ARGs one scope has declared so far, in order, with their resolved values (null: declared but unset). Shared by
/// the global and the stage scope, which differ only in where an ARG without default finds its value (Dockerfile
/// reference, "ARG", "Default values" and "Scope": a <c>--build-arg</c> value wins over the default).
/// </summary>
internal sealed class DeclaredArguments(BuildArgumentInputs inputs, char escape)
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);

    public bool IsDeclared(string name) => values.ContainsKey(name);

    public string? ValueOf(string name) => values.TryGetValue(name, out string? value) ? value : null;

    public IEnumerable<KeyValuePair<string, string?>> All => values;

    /// <summary>
    /// Declares every <c>name[=default]</c> of an ARG line, left to right so a later default may use an earlier name.
    /// <paramref name="inherited"/> gives the value of a name the ARG neither sets nor receives through --build-arg.
    /// </summary>
    public void Declare(DockerfileInstruction instruction, Func<string, string?> variables, Func<string, string?> inherited)
    {
        foreach (DockerfileKeyValue pair in DockerfileKeyValues.Read(instruction, escape))
        {
            string name = DockerfileWords.Expand(pair.Key, variables, escape, instruction.Location);
            string? fallback = pair.Value is null ? inherited(name) : DockerfileWords.Expand(pair.Value, variables, escape, instruction.Location);
            inputs.MarkDeclared(name);
            values[name] = inputs.Given(name) ?? fallback;
        }
    }
}
