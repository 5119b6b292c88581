using ContainerPS.Engine.Build.Dockerfile;
using ContainerPS.Engine.Build.Plan;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Tests.Build.Plan;

/// <summary>Dockerfile reference, "Multi-stage builds", "COPY --from", "RUN --mount": the stage graph and its order.</summary>
public sealed class StagePlannerTests
{
    private static BuildPlan Plan(string? target, params string[] lines)
    {
        DockerfileDocument document = DockerfileAssert.Parse(lines);
        var global = new GlobalArgumentScope(document, new BuildArgumentInputs(null, null));
        return StagePlanner.Plan(document, global, target);
    }

    private static int[] Order(BuildPlan plan) => plan.Stages.Select(stage => stage.Index).ToArray();

    private static ContainerPSException Refused(string id, string? target, params string[] lines)
    {
        var error = Assert.Throws<ContainerPSException>(() => Plan(target, lines));
        Assert.Equal(id, error.ErrorId);
        return error;
    }

    [Fact]
    public void The_last_stage_is_the_default_target_and_unneeded_stages_are_skipped()
    {
        BuildPlan plan = Plan(null, "FROM alpine AS unused", "FROM alpine AS final");
        Assert.Equal([1], Order(plan));
        Assert.Empty(plan.Target.DependsOn);
    }

    [Fact]
    public void From_an_earlier_stage_depends_on_it_case_insensitively()
    {
        BuildPlan plan = Plan(null, "FROM alpine AS Base", "FROM BASE AS app");
        Assert.Equal([0, 1], Order(plan));
        Assert.Equal(0, plan.Target.BaseStage);
        Assert.Equal([0], plan.Target.DependsOn);
    }

    [Fact]
    public void From_a_later_stage_name_is_an_image()
    {
        BuildPlan plan = Plan("first", "FROM later AS first", "FROM alpine AS later");
        Assert.Equal([0], Order(plan));
        Assert.Null(plan.Target.BaseStage);
    }

    [Fact]
    public void From_its_own_name_is_an_image()
    {
        BuildPlan plan = Plan(null, "FROM alpine AS alpine");
        Assert.Null(plan.Target.BaseStage);
        Assert.Equal("alpine", plan.Target.From.BaseImage);
    }

    [Fact]
    public void From_expanded_with_a_global_arg_may_name_a_stage()
    {
        BuildPlan plan = Plan(null, "ARG BASE=builder", "FROM alpine AS builder", "FROM ${BASE}");
        Assert.Equal(0, plan.Target.BaseStage);
    }

    [Fact]
    public void Copy_from_names_a_stage_by_name_or_index()
    {
        BuildPlan plan = Plan(null, "FROM alpine AS a", "FROM alpine AS b", "FROM alpine", "COPY --from=A /x /x", "COPY --from=1 /y /y");
        Assert.Equal([0, 1, 2], Order(plan));
        Assert.Equal([0, 1], plan.Target.DependsOn);
    }

    [Fact]
    public void Copy_from_an_image_is_external()
    {
        BuildPlan plan = Plan(null, "FROM alpine", "COPY --from=nginx:latest /etc/nginx /etc/nginx");
        Assert.Empty(plan.Target.DependsOn);
        Assert.Equal(["nginx:latest"], plan.Target.ExternalImages);
    }

    [Fact]
    public void Copy_from_a_later_stage_by_name_is_allowed_as_buildkit_does()
    {
        BuildPlan plan = Plan("first", "FROM alpine AS first", "COPY --from=second /x /x", "FROM alpine AS second");
        Assert.Equal([1, 0], Order(plan));
    }

    [Fact]
    public void Run_mount_from_depends_on_the_stage()
    {
        BuildPlan plan = Plan(null, "FROM alpine AS deps", "FROM alpine",
            "RUN --mount=type=bind,from=deps,source=/out,target=/in --mount=type=cache,target=/c true");
        Assert.Equal([0], plan.Target.DependsOn);
    }

    [Fact]
    public void Run_mount_from_an_image_is_external()
    {
        BuildPlan plan = Plan(null, "FROM alpine", "RUN --mount=type=bind,FROM=\"busybox\",target=/b true");
        Assert.Equal(["busybox"], plan.Target.ExternalImages);
    }

    [Fact]
    public void Dependencies_come_before_dependents_and_independent_stages_share_no_edge()
    {
        BuildPlan plan = Plan(null,
            "FROM alpine AS left", "FROM alpine AS right", "FROM alpine AS skipped",
            "FROM alpine", "COPY --from=left /l /l", "COPY --from=right /r /r");
        Assert.Equal([0, 1, 3], Order(plan));
        Assert.Empty(plan.Stages[0].DependsOn);
        Assert.Empty(plan.Stages[1].DependsOn);
    }

    [Fact]
    public void Target_selects_the_final_stage_case_insensitively()
    {
        BuildPlan plan = Plan("Build", "FROM alpine AS build", "FROM build AS test", "FROM alpine AS prod");
        Assert.Equal([0], Order(plan));
        Assert.Equal("build", plan.Target.DisplayName);
    }

    [Fact]
    public void An_unknown_target_is_unknown_stage()
    {
        ContainerPSException error = Refused(StagePlanErrors.UnknownStageId, "nope", "FROM alpine AS build");
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public void A_copy_from_index_out_of_range_is_unknown_stage()
    {
        ContainerPSException error = Refused(StagePlanErrors.UnknownStageId, null, "FROM alpine", "COPY --from=1 /x /x");
        Assert.Contains("Dockerfile:2", error.Message);
    }

    [Fact]
    public void Copy_from_its_own_stage_is_a_cycle()
    {
        ContainerPSException error = Refused(StagePlanErrors.StageCycleId, null, "FROM busybox AS stage0", "COPY --from=stage0 f1 /sub/");
        Assert.Equal("circular dependency detected on stage: stage0", error.Message);
    }

    [Fact]
    public void Copy_from_its_own_index_is_a_cycle()
    {
        ContainerPSException error = Refused(StagePlanErrors.StageCycleId, null, "FROM busybox", "COPY --from=0 f1 /sub/");
        Assert.Contains("stage-0", error.Message);
    }

    [Fact]
    public void A_cycle_through_later_stages_is_refused_even_if_the_target_avoids_it()
    {
        ContainerPSException error = Refused(StagePlanErrors.StageCycleId, "other",
            "FROM busybox AS stage0", "COPY --from=stage2 f1 /sub/",
            "FROM busybox AS stage1", "COPY --from=stage0 f2 /sub/",
            "FROM busybox AS stage2", "COPY --from=stage1 f2 /sub/",
            "FROM busybox AS other");
        Assert.Equal("circular dependency detected on stage: stage0", error.Message);
    }

    [Theory]
    [InlineData("type=bind,from=build,source=/out", "build")]
    [InlineData("type=cache,target=/c", null)]
    [InlineData("from='quoted', type=bind", "quoted")]
    [InlineData("type=secret,id=x", null)]
    public void Mount_from_reads_the_from_option(string mount, string? expected) =>
        Assert.Equal(expected, MountFrom.Of(mount));
}
