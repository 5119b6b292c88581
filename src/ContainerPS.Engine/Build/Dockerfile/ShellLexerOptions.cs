namespace ContainerPS.Engine.Build.Dockerfile;

/// <summary>
/// How the shell lexer treats quotes, escapes and unset variables. The defaults are those of variable substitution in
/// instructions (Dockerfile reference, "Environment replacement"); the raw switches keep quotes and escapes in the
/// output, which the heredoc marker search needs to see whether a delimiter was quoted; <see cref="JoinHeredocOperator"/>
/// keeps <c>&lt;&lt; EOF</c> one word, since the reference allows blanks between the operator and the delimiter.
/// </summary>
internal sealed record ShellLexerOptions(char Escape, bool RawQuotes = false, bool RawEscapes = false, bool KeepUnset = false, bool JoinHeredocOperator = false);
