namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// How an instruction flag takes its value, as BuildKit checks them: a value given once (<c>--from=stage</c>), a value
/// that may repeat (<c>--mount</c>, <c>--exclude</c>), or a boolean that may stand bare (<c>--link</c>, <c>--link=false</c>).
/// </summary>
internal enum FlagKind
{
    Value,
    Repeatable,
    Boolean,
}
