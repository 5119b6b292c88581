using ContainerPS.Engine.Build.Dockerfile;

namespace ContainerPS.Engine.Tests.Build;

/// <summary>Dockerfile reference, "Here-Documents": RUN and COPY bodies, &lt;&lt;-, quoted delimiters, several per instruction.</summary>
public sealed class DockerfileHeredocTests
{
    [Fact]
    public void Run_heredoc_body_is_read_verbatim_up_to_the_delimiter()
    {
        IReadOnlyList<DockerfileInstruction> steps = DockerfileAssert.Instructions(
            "FROM a",
            "RUN <<EOF",
            "# not a comment here",
            "echo hello \\",
            "",
            "EOF",
            "RUN next");
        DockerfileHeredoc heredoc = Assert.Single(steps[1].Heredocs);
        Assert.Equal(("EOF", "# not a comment here\necho hello \\\n\n", true, false, (int?)null),
            (heredoc.Name, heredoc.Content, heredoc.Expand, heredoc.StripTabs, heredoc.FileDescriptor));
        Assert.Equal(("<<EOF", 2, 6), (steps[1].Arguments, steps[1].Line, steps[1].EndLine));
        Assert.Equal(("RUN", "next", 7), (steps[2].Keyword, steps[2].Arguments, steps[2].Line));
    }

    [Fact]
    public void Dash_strips_leading_tabs_from_the_body_and_the_delimiter_line()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN <<-EOT", "\t\techo a", "  \tspaces stay", "\tEOT");
        DockerfileHeredoc heredoc = Assert.Single(run.Heredocs);
        Assert.True(heredoc.StripTabs);
        Assert.Equal("echo a\n  \tspaces stay\n", heredoc.Content);
    }

    [Fact]
    public void Without_dash_an_indented_delimiter_does_not_end_the_body()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN <<EOF", "\tEOF", "EOF");
        Assert.Equal("\tEOF\n", run.Heredocs[0].Content);
    }

    [Theory]
    [InlineData("RUN <<\"EOF\"", false)]
    [InlineData("RUN <<'EOF'", false)]
    [InlineData("RUN <<E\"O\"F", false)]
    [InlineData("RUN <<-\"EOF\"", false)]
    [InlineData("RUN <<EOF", true)]
    public void A_quoted_delimiter_turns_expansion_off(string line, bool expand)
    {
        DockerfileHeredoc heredoc = Assert.Single(DockerfileAssert.Single(line, "echo $HOME", "EOF").Heredocs);
        Assert.Equal(("EOF", expand, "echo $HOME\n"), (heredoc.Name, heredoc.Expand, heredoc.Content));
    }

    [Fact]
    public void Several_heredocs_in_one_instruction_are_read_in_order()
    {
        IReadOnlyList<DockerfileInstruction> steps = DockerfileAssert.Instructions(
            "RUN <<FILE1 cat > /f1 && 3<<-'FILE2' cat > /f2",
            "one",
            "FILE1",
            "\ttwo $x",
            "\tFILE2",
            "USER app");
        Assert.Equal(
            [new("FILE1", "one\n", true, false, null), new DockerfileHeredoc("FILE2", "two $x\n", false, true, 3)],
            steps[0].Heredocs);
        Assert.Equal((1, 5), (steps[0].Line, steps[0].EndLine));
        Assert.Equal(("USER", 6), (steps[1].Keyword, steps[1].Line));
    }

    [Fact]
    public void Copy_heredoc_makes_a_file_and_keeps_its_destination_and_flags()
    {
        DockerfileInstruction copy = DockerfileAssert.Single("COPY --chmod=755 <<EOF /usr/local/bin/hello", "#!/bin/sh", "echo hi", "EOF");
        Assert.Equal(("<<EOF /usr/local/bin/hello", "755"), (copy.Arguments, copy.Flag("chmod")));
        Assert.Equal("#!/bin/sh\necho hi\n", Assert.Single(copy.Heredocs).Content);
    }

    [Fact]
    public void Copy_takes_several_heredoc_files()
    {
        DockerfileInstruction copy = DockerfileAssert.Single("COPY <<a.txt <<b.txt /dest/", "A", "a.txt", "B", "b.txt");
        Assert.Equal(["a.txt", "b.txt"], copy.Heredocs.Select(h => h.Name));
        Assert.Equal(["A\n", "B\n"], copy.Heredocs.Select(h => h.Content));
    }

    [Fact]
    public void A_heredoc_marker_may_come_after_a_continuation()
    {
        DockerfileInstruction run = DockerfileAssert.Single("RUN cat \\", "  <<EOF > /x", "body", "EOF");
        Assert.Equal("body\n", Assert.Single(run.Heredocs).Content);
        Assert.Equal((1, 4), (run.Line, run.EndLine));
    }

    [Theory]
    [InlineData("""RUN ["cat", "<<EOF"]""")]
    [InlineData("RUN echo '<<EOF'")]
    [InlineData("RUN echo a<<EOF")]
    [InlineData("RUN echo <<")]
    [InlineData("ENV A=<<EOF")]
    [InlineData("RUN echo \"<<EOF")]
    [InlineData("RUN \"<<NOHEREDOC\"")]
    [InlineData("USER <<INVALID")]
    public void No_heredoc_in_exec_form_quotes_mid_word_or_in_other_instructions(string line)
    {
        IReadOnlyList<DockerfileInstruction> steps = DockerfileAssert.Instructions(line, "USER x");
        Assert.Empty(steps[0].Heredocs);
        Assert.Equal("USER", steps[1].Keyword);
    }

    [Fact]
    public void Onbuild_run_may_hold_a_heredoc()
    {
        DockerfileInstruction onbuild = DockerfileAssert.Single("ONBUILD RUN <<EOF", "make", "EOF");
        Assert.Equal("make\n", Assert.Single(onbuild.Subcommand!.Heredocs).Content);
        Assert.Equal(3, onbuild.EndLine);
    }

    [Fact]
    public void An_unterminated_heredoc_is_an_error_at_its_instruction()
    {
        var error = DockerfileAssert.ParseError(2, "FROM a", "RUN <<EOF", "echo", "EOT");
        Assert.Contains("unterminated heredoc 'EOF'", error.Message);
    }

    [Fact]
    public void Heredocs_work_with_the_backtick_escape()
    {
        DockerfileInstruction run = DockerfileAssert.Parse("# escape=`", "FROM a", "RUN <<EOF", @"dir C:\", "EOF").Stages[0].Instructions[0];
        Assert.Equal("dir C:\\\n", run.Heredocs[0].Content);
    }

    [Theory]
    [InlineData("RUN <<EMPTY", "EMPTY", true, false)]
    [InlineData("RUN <<COMPLEX python3", "COMPLEX", true, false)]
    [InlineData("RUN --mount=type=cache,target=/foo <<MOUNT", "MOUNT", true, false)]
    [InlineData("COPY <<file.txt /dest", "file.txt", true, false)]
    [InlineData("RUN <<eo'f'", "eof", false, false)]
    [InlineData("RUN <<eo\\'f", "eo'f", true, false)]
    [InlineData("RUN <<'e'o\\'f", "eo'f", false, false)]
    [InlineData("RUN <<'one two'", "one two", false, false)]
    [InlineData("RUN <<$EOF", "$EOF", true, false)]
    [InlineData("RUN <<  EOF", "EOF", true, false)]
    [InlineData("RUN <<  EOF  > foo", "EOF", true, false)]
    [InlineData("RUN <<- EOF", "EOF", true, true)]
    [InlineData("RUN << -EOF", "-EOF", true, false)]
    public void Delimiters_are_read_as_buildkit_reads_them(string line, string name, bool expand, bool stripTabs)
    {
        DockerfileHeredoc heredoc = Assert.Single(DockerfileAssert.Single(line, "body", name).Heredocs);
        Assert.Equal((name, expand, stripTabs, "body\n"), (heredoc.Name, heredoc.Expand, heredoc.StripTabs, heredoc.Content));
    }

    [Fact]
    public void An_empty_body_is_empty_and_a_file_descriptor_is_kept()
    {
        DockerfileHeredoc heredoc = Assert.Single(DockerfileAssert.Single("RUN 3<<EMPTY2", "EMPTY2").Heredocs);
        Assert.Equal(("", 3), (heredoc.Content, heredoc.FileDescriptor));
    }

    [Fact]
    public void Each_body_ends_at_its_own_delimiter_even_when_it_names_the_other()
    {
        DockerfileInstruction copy = DockerfileAssert.Single("COPY <<X <<Y /dest", "Y", "X", "X", "Y");
        Assert.Equal([("X", "Y\n"), ("Y", "X\n")], copy.Heredocs.Select(h => (h.Name, h.Content)));
    }
}
