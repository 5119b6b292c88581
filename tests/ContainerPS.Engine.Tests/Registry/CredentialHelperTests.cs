using ContainerPS.Engine.Errors;
using ContainerPS.Engine.Registry;

namespace ContainerPS.Engine.Tests.Registry;

/// <summary>
/// The credential-helper protocol against test-only helper scripts: each records what it was given (its action in
/// <c>args</c>, its stdin in <c>stdin</c>) and answers as a helper would, or misbehaves as a broken one might.
/// </summary>
public sealed class CredentialHelperTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("containerps-helper-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Recorded(string what) => File.ReadAllText(Path.Combine(_dir, what));

    private CredentialHelper Helper(string body, TimeSpan? timeout = null)
    {
        var path = Path.Combine(_dir, "docker-credential-test");
        File.WriteAllText(path, $"#!/bin/sh\nprintf %s \"$1\" > '{_dir}/args'\ncat > '{_dir}/stdin'\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new CredentialHelper(path, timeout);
    }

    [Fact]
    public void Store_sends_the_server_URL_user_and_secret_as_JSON()
    {
        Helper("exit 0").Store("127.0.0.1:5000", new RegistryCredential("alice", "s\"cret"));

        Assert.Equal("store", Recorded("args"));
        Assert.Equal("""{"ServerURL":"127.0.0.1:5000","Username":"alice","Secret":"s\u0022cret"}""", Recorded("stdin"));
    }

    [Fact]
    public void Get_sends_the_server_URL_and_reads_the_credential()
    {
        var credential = Helper("""echo '{"ServerURL":"127.0.0.1:5000","Username":"alice","Secret":"pw"}'""").Get("127.0.0.1:5000");

        Assert.Equal("get", Recorded("args"));
        Assert.Equal("127.0.0.1:5000", Recorded("stdin"));
        Assert.Equal(new RegistryCredential("alice", "pw"), credential);
    }

    [Fact]
    public void An_identity_token_is_stored_and_read_under_the_token_user()
    {
        Helper("exit 0").Store("127.0.0.1:5000", new RegistryCredential("", "refresh", IsIdentityToken: true));
        Assert.Contains("\"Username\":\"\\u003Ctoken\\u003E\"", Recorded("stdin"));

        var credential = Helper("""echo '{"Username":"<token>","Secret":"refresh"}'""").Get("127.0.0.1:5000");

        Assert.Equal(new RegistryCredential("", "refresh", IsIdentityToken: true), credential);
    }

    [Theory]
    [InlineData("echo 'credentials not found in native keychain'; exit 1")]
    [InlineData("""echo '{"ServerURL":"127.0.0.1:5000","Username":"","Secret":""}'""")]
    public void A_credential_the_helper_does_not_hold_is_null(string body)
    {
        Assert.Null(Helper(body).Get("127.0.0.1:5000"));
    }

    [Fact]
    public void Erase_of_a_credential_the_helper_does_not_hold_is_no_error()
    {
        Helper("echo 'credentials not found in native keychain'; exit 1").Erase("127.0.0.1:5000");

        Assert.Equal("erase", Recorded("args"));
        Assert.Equal("127.0.0.1:5000", Recorded("stdin"));
    }

    [Theory]
    [InlineData("echo 'the keyring is locked'; exit 3", "the keyring is locked")]
    [InlineData("echo 'oops' >&2; exit 1", "oops")]
    [InlineData("echo 'not json'", "not JSON")]
    [InlineData("head -c 100000 /dev/zero | tr '\\0' x", "more than")]
    public void A_failing_helper_is_CredentialHelperFailed_with_its_message(string body, string message)
    {
        var error = Assert.Throws<ContainerPSException>(() => Helper(body).Get("127.0.0.1:5000"));

        Assert.Equal("CredentialHelperFailed", error.ErrorId);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_hung_helper_is_stopped_with_CredentialHelperTimedOut()
    {
        var error = Assert.Throws<ContainerPSException>(() => Helper("exec sleep 600", TimeSpan.FromMilliseconds(300)).Get("127.0.0.1:5000"));

        Assert.Equal("CredentialHelperTimedOut", error.ErrorId);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public void A_helper_that_is_not_installed_is_CredentialHelperNotFound()
    {
        var error = Assert.Throws<ContainerPSException>(() => new CredentialHelper(Path.Combine(_dir, "docker-credential-absent")).Get("127.0.0.1:5000"));

        Assert.Equal("CredentialHelperNotFound", error.ErrorId);
    }

    [Theory]
    [InlineData("../bin/sh")]
    [InlineData("a\nb")]
    public void A_helper_name_that_is_a_path_is_DockerConfigInvalid(string name)
    {
        var error = Assert.Throws<ContainerPSException>(() => CredentialHelper.Named(name, "config.json"));

        Assert.Equal("DockerConfigInvalid", error.ErrorId);
    }
}
