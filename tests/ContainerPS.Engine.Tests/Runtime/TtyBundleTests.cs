using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Runtime;

namespace ContainerPS.Engine.Tests.Runtime;

/// <summary>-Tty in the bundle: process.terminal, and TERM as docker sets it.</summary>
public sealed class TtyBundleTests : IDisposable
{
    private readonly ImageLayers _image = new();

    public TtyBundleTests() => _image.AddBaseLayer();

    public void Dispose() => _image.Dispose();

    [Fact]
    public void Tty_sets_process_terminal_and_TERM_xterm()
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Tty = true }, new ContainerConfig { Cmd = ["sh"] }));

        Assert.True(spec.Process.Terminal);
        Assert.Contains("TERM=xterm", spec.Process.Env);
    }

    [Fact]
    public void Without_tty_there_is_no_terminal_and_no_TERM()
    {
        var spec = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i" }, new ContainerConfig { Cmd = ["sh"] }));

        Assert.False(spec.Process.Terminal);
        Assert.DoesNotContain(spec.Process.Env, e => e.StartsWith("TERM=", StringComparison.Ordinal));
    }

    [Fact]
    public void A_TERM_from_the_image_or_the_options_is_kept()
    {
        var fromImage = BundleBuilder.Build(_image.Input(new CreateOptions { Image = "i", Tty = true }, new ContainerConfig { Env = ["TERM=vt100"], Cmd = ["sh"] }));
        var fromOptions = BundleBuilder.Build(_image.Input(
            new CreateOptions { Image = "i", Tty = true, Environment = new Dictionary<string, string> { ["TERM"] = "screen" } }, new ContainerConfig { Cmd = ["sh"] }));

        Assert.Equal(["TERM=vt100"], fromImage.Process.Env.Where(e => e.StartsWith("TERM=", StringComparison.Ordinal)));
        Assert.Equal(["TERM=screen"], fromOptions.Process.Env.Where(e => e.StartsWith("TERM=", StringComparison.Ordinal)));
    }
}
