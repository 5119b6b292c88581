using ContainerPS.Engine.Build.Execution;
using ContainerPS.Engine.Oci;
using ContainerPS.Engine.Tests.Build;

namespace ContainerPS.Engine.Tests.Build.Execution;

/// <summary>Dockerfile reference, "RUN", "SHELL", "Here-Documents": the process a RUN step starts, and its history line.</summary>
public sealed class RunCommandTests
{
    private static IReadOnlyList<string> CommandOf(string line, ContainerConfig? config = null)
    {
        var instruction = DockerfileAssert.Parse("FROM busybox", line).Stages[0].Instructions[0];
        return RunCommand.Of(instruction, config ?? new ContainerConfig());
    }

    [Fact]
    public void The_shell_form_runs_through_sh_c() =>
        Assert.Equal(["/bin/sh", "-c", "make all"], CommandOf("RUN make all"));

    [Fact]
    public void The_shell_form_runs_through_the_stage_shell() =>
        Assert.Equal(["bash", "-e", "-c", "make"], CommandOf("RUN make", new ContainerConfig { Shell = ["bash", "-e", "-c"] }));

    [Fact]
    public void The_exec_form_runs_as_given() =>
        Assert.Equal(["echo", "$HOME"], CommandOf("RUN [\"echo\", \"$HOME\"]"));

    [Fact]
    public void A_heredoc_alone_is_the_script()
    {
        var instruction = DockerfileAssert.Parse("FROM busybox", "RUN <<EOF", "echo a", "echo b", "EOF").Stages[0].Instructions[0];
        Assert.Equal("echo a\necho b\n", RunCommand.Script(instruction));
    }

    [Fact]
    public void A_heredoc_after_a_command_is_its_here_document()
    {
        var instruction = DockerfileAssert.Parse("FROM busybox", "RUN cat <<EOF > /f", "text", "EOF").Stages[0].Instructions[0];
        Assert.Equal("cat <<EOF > /f\ntext\nEOF\n", RunCommand.Script(instruction));
    }

    [Fact]
    public void The_history_shows_build_arguments_but_not_proxies()
    {
        var arguments = new Dictionary<string, string> { ["VERSION"] = "1", ["HTTP_PROXY"] = "http://p:3128", ["A"] = "x" };
        Assert.Equal("RUN |2 A=x VERSION=1 /bin/sh -c make", BuildHistory.Run(["/bin/sh", "-c", "make"], arguments));
        Assert.Equal("RUN /bin/sh -c make", BuildHistory.Run(["/bin/sh", "-c", "make"], new Dictionary<string, string>()));
    }
}
