namespace ContainerPS.Engine.Build.Execution;

/// <summary>One step as Build-Image shows it: <c>Step 3/9: RUN make</c>, with the stage it belongs to.</summary>
public sealed record BuildStep(string Stage, int Number, int Total, string Text)
{
    public override string ToString() => $"Step {Number}/{Total}: {Text}";
}
