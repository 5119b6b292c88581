using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Plan;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build.Plan;

/// <summary>Dockerfile reference, "ARG": scope, defaults, --build-arg overrides, predefined and automatic platform ARGs.</summary>
public sealed class BuildArgumentScopeTests
{
    private static readonly IReadOnlyDictionary<string, string> Platforms =
        AutomaticPlatformArgs.For(BuildPlatform.Parse("linux/arm64/v8"), BuildPlatform.Parse("linux/amd64"));

    private static (GlobalArgumentScope Global, BuildArgumentInputs Inputs, DockerfileDocument Document) Scopes(
        Dictionary<string, string>? buildArgs, params string[] lines)
    {
        DockerfileDocument document = DockerfileAssert.Parse(lines);
        var inputs = new BuildArgumentInputs(buildArgs, Platforms);
        return (new GlobalArgumentScope(document, inputs), inputs, document);
    }

    /// <summary>Runs a stage's ARG lines through a fresh stage scope, as the executor does.</summary>
    private static BuildArgumentScope Stage(GlobalArgumentScope global, DockerfileStage stage)
    {
        BuildArgumentScope scope = global.StageScope();
        foreach (DockerfileInstruction arg in stage.Instructions.Where(i => i.Keyword == "ARG")) scope.Declare(arg);
        return scope;
    }

    [Fact]
    public void Global_args_expand_the_from_line_and_its_platform()
    {
        var (global, _, document) = Scopes(null, "ARG IMAGE=alpine", "ARG TAG=3.20", "FROM --platform=$BUILDPLATFORM ${IMAGE}:${TAG} AS build");
        Assert.Equal(new StageFrom("alpine:3.20", "linux/amd64"), global.ExpandFrom(document.Stages[0]));
    }

    [Fact]
    public void A_build_arg_overrides_a_global_default()
    {
        var (global, _, document) = Scopes(new() { ["TAG"] = "edge" }, "ARG TAG=3.20", "FROM alpine:$TAG");
        Assert.Equal("alpine:edge", global.ExpandFrom(document.Stages[0]).BaseImage);
    }

    [Fact]
    public void A_global_default_may_use_an_earlier_global_and_the_platform_args()
    {
        var (global, _, _) = Scopes(null, "ARG OS=linux", "ARG PAIR=${OS}-${TARGETARCH}", "FROM scratch");
        Assert.Equal("linux-arm64", global.Lookup("PAIR"));
    }

    [Fact]
    public void Global_args_are_invisible_in_a_stage_until_redeclared()
    {
        var (global, _, document) = Scopes(null, "ARG VERSION=1", "FROM scratch", "ARG OTHER", "FROM scratch", "ARG VERSION");
        Assert.Null(Stage(global, document.Stages[0]).Lookup("VERSION"));
        Assert.Equal("1", Stage(global, document.Stages[1]).Lookup("VERSION"));
    }

    [Fact]
    public void A_stage_default_wins_over_the_global_value_but_not_over_a_build_arg()
    {
        var (global, _, document) = Scopes(null, "ARG V=global", "FROM scratch", "ARG V=stage");
        Assert.Equal("stage", Stage(global, document.Stages[0]).Lookup("V"));
        var (overridden, _, again) = Scopes(new() { ["V"] = "cli" }, "ARG V=global", "FROM scratch", "ARG V=stage");
        Assert.Equal("cli", Stage(overridden, again.Stages[0]).Lookup("V"));
    }

    [Fact]
    public void A_build_arg_sets_only_declared_args()
    {
        var (global, _, document) = Scopes(new() { ["DECLARED"] = "a", ["UNDECLARED"] = "b" }, "FROM scratch", "ARG DECLARED");
        BuildArgumentScope scope = Stage(global, document.Stages[0]);
        Assert.Equal("a", scope.Lookup("DECLARED"));
        Assert.Null(scope.Lookup("UNDECLARED"));
        Assert.Null(global.Lookup("UNDECLARED"));
    }

    [Fact]
    public void A_declared_arg_without_default_or_value_is_unset()
    {
        var (global, _, document) = Scopes(null, "FROM scratch", "ARG EMPTY");
        Assert.Null(Stage(global, document.Stages[0]).Lookup("EMPTY"));
    }

    [Fact]
    public void A_stage_is_scoped_from_its_arg_line_onwards()
    {
        var (global, _, document) = Scopes(null, "FROM scratch", "ARG A=1 B=${A}2");
        BuildArgumentScope scope = global.StageScope();
        Assert.Null(scope.Lookup("A"));
        scope.Declare(document.Stages[0].Instructions[0]);
        Assert.Equal("12", scope.Lookup("B"));
    }

    [Theory]
    [InlineData("HTTP_PROXY")]
    [InlineData("http_proxy")]
    [InlineData("HTTPS_PROXY")]
    [InlineData("https_proxy")]
    [InlineData("FTP_PROXY")]
    [InlineData("ftp_proxy")]
    [InlineData("NO_PROXY")]
    [InlineData("no_proxy")]
    [InlineData("ALL_PROXY")]
    [InlineData("all_proxy")]
    public void Proxy_args_need_no_declaration_and_are_never_unconsumed(string proxy)
    {
        var (global, inputs, _) = Scopes(new() { [proxy] = "http://proxy:3128" }, "FROM scratch");
        BuildArgumentScope scope = global.StageScope();
        Assert.Equal("http://proxy:3128", scope.Lookup(proxy));
        Assert.Equal("http://proxy:3128", scope.Environment()[proxy]);
        Assert.Empty(inputs.Unconsumed());
    }

    [Theory]
    [InlineData("TARGETPLATFORM", "linux/arm64/v8")]
    [InlineData("TARGETOS", "linux")]
    [InlineData("TARGETARCH", "arm64")]
    [InlineData("TARGETVARIANT", "v8")]
    [InlineData("BUILDPLATFORM", "linux/amd64")]
    [InlineData("BUILDOS", "linux")]
    [InlineData("BUILDARCH", "amd64")]
    [InlineData("BUILDVARIANT", "")]
    public void Platform_args_are_global_and_in_a_stage_only_after_arg(string name, string expected)
    {
        var (global, _, document) = Scopes(null, "FROM scratch", $"ARG {name}");
        Assert.Equal(expected, global.Lookup(name));
        Assert.Null(global.StageScope().Lookup(name));
        Assert.Equal(expected, Stage(global, document.Stages[0]).Lookup(name));
    }

    [Fact]
    public void Unconsumed_build_args_are_listed_sorted_with_dockers_warning()
    {
        var (global, inputs, document) = Scopes(new() { ["ZED"] = "1", ["USED"] = "2", ["ALPHA"] = "3", ["GLOBAL"] = "4" },
            "ARG GLOBAL", "FROM scratch", "ARG USED");
        Stage(global, document.Stages[0]);
        Assert.Equal(["ALPHA", "ZED"], inputs.Unconsumed());
        Assert.Equal("[Warning] One or more build-args [ALPHA ZED] were not consumed", inputs.UnconsumedWarning());
    }

    [Fact]
    public void No_warning_when_every_build_arg_is_consumed()
    {
        var (_, inputs, _) = Scopes(new() { ["A"] = "1" }, "ARG A", "FROM scratch");
        Assert.Null(inputs.UnconsumedWarning());
    }

    [Fact]
    public void Env_wins_over_arg_when_the_executor_composes_env_first()
    {
        var (global, _, document) = Scopes(null, "FROM scratch", "ARG V=arg", "ARG W=$V");
        var env = new Dictionary<string, string> { ["V"] = "env" };
        BuildArgumentScope scope = global.StageScope();
        string? Variables(string name) => env.TryGetValue(name, out string? value) ? value : scope.Lookup(name);
        foreach (DockerfileInstruction arg in document.Stages[0].Instructions) scope.Declare(arg, Variables);
        Assert.Equal("env", Variables("V"));
        Assert.Equal("env", scope.Lookup("W"));
    }

    [Fact]
    public void The_environment_holds_declared_args_with_a_value()
    {
        var (global, _, document) = Scopes(null, "FROM scratch", "ARG SET=1 UNSET");
        IReadOnlyDictionary<string, string> environment = Stage(global, document.Stages[0]).Environment();
        Assert.Equal("1", environment["SET"]);
        Assert.False(environment.ContainsKey("UNSET"));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("a/b/c/d")]
    public void A_malformed_platform_is_refused(string text)
    {
        var error = Assert.Throws<ContainerPSException>(() => BuildPlatform.Parse(text));
        Assert.Equal(BuildPlatform.InvalidPlatformId, error.ErrorId);
    }
}
