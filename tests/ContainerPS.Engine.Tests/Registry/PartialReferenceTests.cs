using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry;

public sealed class PartialReferenceTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/team/app:v", "127.0.0.1:5000", "127.0.0.1:5000/team/app", "v")]
    [InlineData("registry.test/app:", "registry.test", "registry.test/app", "")]
    [InlineData("localhost/a/b:1.", "localhost", "localhost/a/b", "1.")]
    public void A_word_with_a_tag_part_asks_for_the_tags_of_its_repository(string word, string domain, string repository, string prefix)
    {
        var partial = PartialReference.Parse(word)!;

        Assert.True(partial.WantsTags);
        Assert.Equal(domain, partial.Domain);
        Assert.Equal(repository, partial.Repository!.Repository);
        Assert.Equal(prefix, partial.Prefix);
    }

    [Theory]
    [InlineData("127.0.0.1:5000/", "127.0.0.1:5000", "")]
    [InlineData("localhost:5000/team/", "localhost:5000", "team/")]
    [InlineData("registry.test/ap", "registry.test", "ap")]
    public void A_word_without_a_tag_part_asks_for_the_repositories_of_its_registry(string word, string domain, string prefix)
    {
        var partial = PartialReference.Parse(word)!;

        Assert.False(partial.WantsTags);
        Assert.Equal(domain, partial.Domain);
        Assert.Equal(prefix, partial.Prefix);
    }

    [Theory]
    [InlineData("busybox:")]
    [InlineData("library/busybox:")]
    [InlineData("team/")]
    [InlineData("")]
    [InlineData("/app")]
    [InlineData("registry.test/app@sha256:")]
    [InlineData("registry.test/Bad Name:")]
    [InlineData("bad_host.test/app")]
    public void A_word_that_names_no_registry_or_is_not_a_reference_asks_none(string word)
    {
        Assert.Null(PartialReference.Parse(word));
    }

    [Theory]
    [InlineData("127.0.0.1:5000/test/multiarch@sha256:0123", true)]
    [InlineData("localhost/app", true)]
    [InlineData("busybox:latest", false)]
    [InlineData("library/busybox", false)]
    public void A_reference_names_a_registry_when_its_first_component_is_a_host(string text, bool names)
    {
        Assert.Equal(names, PartialReference.NamesRegistry(text));
    }
}
