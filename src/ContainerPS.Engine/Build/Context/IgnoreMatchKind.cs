namespace ContainerPS.Engine.Build.Context;

/// <summary>
/// How one <c>.dockerignore</c> pattern is tested, as docker decides it while compiling: a plain path compares
/// equal, <c>foo/**</c> is a prefix test, <c>**/foo</c> a suffix test, anything else a regular expression
/// (Dockerfile reference, ".dockerignore file").
/// </summary>
internal enum IgnoreMatchKind
{
    Exact,
    Prefix,
    Suffix,
    Expression,
}
