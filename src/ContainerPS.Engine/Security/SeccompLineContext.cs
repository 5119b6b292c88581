using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Security;

/// <summary>Where a profile statement is, so that every error names the file and line.</summary>
internal sealed record SeccompLineContext(string Source, int Line)
{
    public ContainerPSException Error(string problem) =>
        Fail.InvalidArgument(SeccompProfileParser.InvalidId, $"{Source}, line {Line}: {problem}.", Source);
}
