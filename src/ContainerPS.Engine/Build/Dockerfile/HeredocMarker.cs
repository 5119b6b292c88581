namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>A <c>[n]&lt;&lt;[-]DELIMITER</c> word found in an instruction, before its body is read (Dockerfile reference, "Here-Documents").</summary>
internal sealed record HeredocMarker(string Name, bool Expand, bool StripTabs, int? FileDescriptor);
