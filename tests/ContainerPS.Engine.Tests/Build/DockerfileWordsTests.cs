using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Dockerfile reference, "Environment replacement": substitution, modifiers, quotes, escapes and word splitting.</summary>
public sealed class DockerfileWordsTests
{
    private static readonly Func<string, string?> Variables = DockerfileWords.LookupIn(new Dictionary<string, string>
    {
        ["PWD"] = "/home",
        ["SHELL"] = "bash",
        ["EMPTY"] = "",
        ["SPACED"] = "x  y",
        ["KOREAN"] = "\ud55c\uad6d\uc5b4",
        ["_under_1"] = "u",
    });

    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("$PWD", "/home")]
    [InlineData("${PWD}", "/home")]
    [InlineData("${PWD}x", "/homex")]
    [InlineData("$PWDx", "")]
    [InlineData("$PWD/x", "/home/x")]
    [InlineData("a${SHELL}b$SHELL", "abashbbash")]
    [InlineData("$_under_1", "u")]
    [InlineData("${KOREAN}!", "\ud55c\uad6d\uc5b4!")]
    [InlineData("$UNSET", "")]
    [InlineData("$", "$")]
    [InlineData("a$", "a$")]
    [InlineData("$ x", "$ x")]
    [InlineData("$1", "")]
    [InlineData("$12abc", "abc")]
    [InlineData("$@x", "x")]
    public void Variables_are_substituted(string text, string expected) =>
        Assert.Equal(expected, DockerfileWords.Expand(text, Variables));

    [Theory]
    [InlineData("${PWD:-def}", "/home")]
    [InlineData("${EMPTY:-def}", "def")]
    [InlineData("${UNSET:-def}", "def")]
    [InlineData("${PWD-def}", "/home")]
    [InlineData("${EMPTY-def}", "")]
    [InlineData("${UNSET-def}", "def")]
    [InlineData("${PWD:+alt}", "alt")]
    [InlineData("${EMPTY:+alt}", "")]
    [InlineData("${UNSET:+alt}", "")]
    [InlineData("${PWD+alt}", "alt")]
    [InlineData("${EMPTY+alt}", "alt")]
    [InlineData("${UNSET+alt}", "")]
    [InlineData("${PWD:?msg}", "/home")]
    [InlineData("${EMPTY?msg}", "")]
    [InlineData("${UNSET:-}", "")]
    [InlineData("${UNSET:-$PWD}", "/home")]
    [InlineData("${UNSET:-${SHELL}x}/y", "bashx/y")]
    [InlineData("${UNSET:-${ALSO_UNSET:-deep}}", "deep")]
    [InlineData("${UNSET:-'a}b'}", "a}b")]
    [InlineData("${UNSET:-a\\}b}", "a}b")]
    [InlineData("${UNSET:-\"$PWD x\"}", "/home x")]
    [InlineData("${PWD:+${SHELL}}", "bash")]
    public void Modifiers_follow_the_reference(string text, string expected) =>
        Assert.Equal(expected, DockerfileWords.Expand(text, Variables));

    [Theory]
    [InlineData("'$PWD'", "$PWD")]
    [InlineData("\"$PWD\"", "/home")]
    [InlineData("he'll'o", "hello")]
    [InlineData("\"a 'b' c\"", "a 'b' c")]
    [InlineData("'a \"b\" c'", "a \"b\" c")]
    [InlineData("'a\\b'", "a\\b")]
    [InlineData("\\$PWD", "$PWD")]
    [InlineData("\\${PWD}", "${PWD}")]
    [InlineData("\"\\$PWD\"", "$PWD")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"a\\nb\"", "a\\nb")]
    [InlineData("he\\'llo", "he'llo")]
    [InlineData("a\\ b", "a b")]
    [InlineData("abc\\", "abc")]
    [InlineData("\\\\$PWD", "\\/home")]
    public void Single_quotes_suppress_substitution_double_quotes_do_not_and_the_escape_makes_characters_literal(string text, string expected) =>
        Assert.Equal(expected, DockerfileWords.Expand(text, Variables));

    [Theory]
    [InlineData(@"C:\app\$PWD", @"C:\app\/home")]
    [InlineData("`$PWD", "$PWD")]
    [InlineData("\"a`\"b\"", "a\"b")]
    [InlineData(@"""C:\dir""", @"C:\dir")]
    [InlineData("a` b", "a b")]
    public void The_backtick_escape_leaves_backslashes_alone(string text, string expected) =>
        Assert.Equal(expected, DockerfileWords.Expand(text, Variables, '`'));

    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("  lead and trail  ", new[] { "lead", "and", "trail" })]
    [InlineData("\"a b\" c", new[] { "a b", "c" })]
    [InlineData("'a b'c", new[] { "a bc" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("$SPACED", new[] { "x", "y" })]
    [InlineData("\"$SPACED\"", new[] { "x  y" })]
    [InlineData("pre$SPACED", new[] { "prex", "y" })]
    [InlineData("${UNSET:-a b}", new[] { "a", "b" })]
    [InlineData("$EMPTY", new string[0])]
    [InlineData("\"\" a", new[] { "a" })]
    [InlineData("   ", new string[0])]
    [InlineData("src/*.go \"/dest dir/\"", new[] { "src/*.go", "/dest dir/" })]
    public void Words_split_at_unquoted_blanks_after_substitution(string text, string[] expected) =>
        Assert.Equal(expected, DockerfileWords.ExpandWords(text, Variables));

    [Theory]
    [InlineData("${UNSET:?must be given}", "UNSET: must be given")]
    [InlineData("${UNSET?must be given}", "UNSET: must be given")]
    [InlineData("${EMPTY:?}", "EMPTY: is not allowed to be empty")]
    [InlineData("${UNSET:?}", "UNSET: is not allowed to be unset")]
    [InlineData("${UNSET?}", "UNSET: is not allowed to be unset")]
    [InlineData("x${UNSET:?need $SHELL}", "UNSET: need bash")]
    public void Required_variables_fail_with_their_own_id_and_message(string text, string message)
    {
        var error = Assert.Throws<ContainerPSException>(() => DockerfileWords.Expand(text, Variables, at: new SourceLocation("Dockerfile", 7)));
        Assert.Equal("BuildArgumentRequired", error.ErrorId);
        Assert.Equal($"Dockerfile:7: {message}", error.Message);
    }

    [Theory]
    [InlineData("'unterminated", "single-quote")]
    [InlineData("\"unterminated", "double-quote")]
    [InlineData("\"ends in escape\\\"", "double-quote")]
    [InlineData("${}", "bad substitution")]
    [InlineData("${:x}", "bad substitution")]
    [InlineData("${{x}}", "bad substitution")]
    [InlineData("${", "missing '}'")]
    [InlineData("${PWD", "missing '}'")]
    [InlineData("${PWD:-x", "missing '}'")]
    [InlineData("${PWD:=x}", "unsupported modifier (:=)")]
    [InlineData("${PWD:}", "unsupported modifier (:})")]
    [InlineData("${PWD!}", "unsupported modifier (!)")]
    public void Syntax_errors_are_parse_errors_with_the_location(string text, string fragment)
    {
        var error = Assert.Throws<ContainerPSException>(() => DockerfileWords.Expand(text, Variables, at: new SourceLocation("Containerfile", 3)));
        Assert.Equal("DockerfileParseError", error.ErrorId);
        Assert.StartsWith("Containerfile:3: ", error.Message);
        Assert.Contains(fragment, error.Message);
    }
}
