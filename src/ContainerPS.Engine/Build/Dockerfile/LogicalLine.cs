namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>One instruction's text with its continuation lines joined, and the lines it spans (Dockerfile reference, "Format").</summary>
internal sealed record LogicalLine(string Text, int StartLine, int EndLine);
