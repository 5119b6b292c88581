using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Dockerfile reference, "ENV", "LABEL" and "ARG": key=value lists, the legacy ENV form, and their expansion.</summary>
public sealed class DockerfileKeyValuesTests
{
    private static readonly Func<string, string?> Variables = DockerfileWords.LookupIn(new Dictionary<string, string> { ["v"] = "1" });

    private static IReadOnlyList<DockerfileKeyValue> Read(string line, char escape = '\\') =>
        DockerfileKeyValues.Read(DockerfileAssert.Single(line), escape);

    private static (string, string) Expanded(DockerfileKeyValue pair, char escape = '\\') =>
        (DockerfileWords.Expand(pair.Key, Variables, escape), DockerfileWords.Expand(pair.Value!, Variables, escape));

    [Fact]
    public void Env_pairs_keep_quotes_and_escapes_until_expansion()
    {
        IReadOnlyList<DockerfileKeyValue> pairs = Read("""ENV A=b C="d e" F=g\ h I='$v j' K=$v""");
        Assert.Equal([new("A", "b"), new("C", "\"d e\""), new("F", "g\\ h"), new("I", "'$v j'"), new DockerfileKeyValue("K", "$v")], pairs);
        Assert.Equal([("A", "b"), ("C", "d e"), ("F", "g h"), ("I", "$v j"), ("K", "1")], pairs.Select(p => Expanded(p)));
    }

    [Fact]
    public void The_legacy_env_form_takes_the_rest_of_the_line_as_the_value()
    {
        DockerfileKeyValue pair = Assert.Single(Read("ENV MY_NAME John   Doe"));
        Assert.Equal(new DockerfileKeyValue("MY_NAME", "John   Doe"), pair);
    }

    [Fact]
    public void Label_keys_may_be_quoted()
    {
        DockerfileKeyValue pair = Assert.Single(Read("""LABEL "com.example.vendor"="ACME Incorporated" """));
        Assert.Equal(("com.example.vendor", "ACME Incorporated"), Expanded(pair));
    }

    [Fact]
    public void A_label_continued_over_lines_is_one_instruction()
    {
        DockerfileInstruction label = DockerfileAssert.Single("LABEL description=\"This text illustrates \\", "that label-values can span multiple lines.\"");
        Assert.Equal("This text illustrates that label-values can span multiple lines.", DockerfileWords.Expand(DockerfileKeyValues.Read(label)[0].Value!, Variables));
    }

    [Fact]
    public void Arg_declares_names_with_or_without_defaults()
    {
        Assert.Equal([new("A", null), new("B", "2"), new("C", "\"x y\""), new DockerfileKeyValue("D", "")], Read("""ARG A B=2 C="x y" D="""));
    }

    [Fact]
    public void The_backtick_escape_applies_to_key_value_lists()
    {
        IReadOnlyList<DockerfileKeyValue> pairs = Read(@"ENV P=C:\dir Q=a` b", '`');
        Assert.Equal([(@"P", @"C:\dir"), ("Q", "a b")], pairs.Select(p => Expanded(p, '`')));
    }

    [Theory]
    [InlineData("ENV A=b C", "can't find =")]
    [InlineData("ENV X", "must have two arguments")]
    [InlineData("LABEL =x", "names no key")]
    [InlineData("ARG =x", "names no variable")]
    public void Malformed_lists_are_parse_errors_on_their_line(string line, string fragment)
    {
        DockerfileInstruction instruction = DockerfileAssert.Instructions("FROM a", line)[1];
        var error = Assert.Throws<ContainerPSException>(() => DockerfileKeyValues.Read(instruction));
        Assert.Equal("DockerfileParseError", error.ErrorId);
        Assert.StartsWith("Dockerfile:2: ", error.Message);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Instructions_without_key_value_lists_are_refused()
    {
        var error = Assert.Throws<ContainerPSException>(() => DockerfileKeyValues.Read(DockerfileAssert.Single("RUN a=b")));
        Assert.Equal("DockerfileParseError", error.ErrorId);
    }
}
