using System.Diagnostics;
using ContainerPS.Engine.Errors;

namespace ContainerPS.Engine.Networking;

/// <summary>
/// The firewall rules of a bridge network, through the iptables binary (iptables(8), iptables-extensions(8)), as
/// docker writes them for its bridge: masquerade what leaves the subnet by another interface, and let the bridge's
/// traffic through FORWARD. Every rule carries the comment <c>containerps:&lt;bridge&gt;</c>, and removal deletes
/// exactly the rules that adding made (the same rule text with -D), never anyone else's.
/// </summary>
internal static class NatRules
{
    private const string IpForward = "/proc/sys/net/ipv4/ip_forward";

    public static string CommentOf(NetworkDefinition network) => $"containerps:{network.Interface}";

    /// <summary>Adds the rules that are missing and turns on forwarding in this network namespace.</summary>
    public static void Add(NetworkDefinition network)
    {
        foreach (var (table, chain, rule) in Rules(network))
        {
            if (Run(["-t", table, "-C", chain, .. rule]) != 0) MustRun(["-t", table, "-I", chain, "1", .. rule]);
        }
        // Routing between the bridge and the other interfaces (ip-sysctl.rst, ip_forward); docker turns it on too.
        if (File.ReadAllText(IpForward).Trim() != "1") File.WriteAllText(IpForward, "1");
    }

    public static void Remove(NetworkDefinition network)
    {
        foreach (var (table, chain, rule) in Rules(network))
        {
            while (Run(["-t", table, "-C", chain, .. rule]) == 0) MustRun(["-t", table, "-D", chain, .. rule]);
        }
    }

    private static IEnumerable<(string Table, string Chain, string[] Rule)> Rules(NetworkDefinition network)
    {
        string bridge = network.Interface;
        string[] tag = ["-m", "comment", "--comment", CommentOf(network)];
        yield return ("nat", "POSTROUTING", ["-s", network.Subnet, "!", "-o", bridge, .. tag, "-j", "MASQUERADE"]);
        yield return ("filter", "FORWARD", ["-i", bridge, .. tag, "-j", "ACCEPT"]);
        yield return ("filter", "FORWARD", ["-o", bridge, "-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", .. tag, "-j", "ACCEPT"]);
    }

    private static void MustRun(string[] arguments)
    {
        if (Run(arguments, out string error) != 0)
            throw Fail.FailedPrecondition("FirewallRuleFailed", $"iptables {string.Join(' ', arguments)} failed: {error.Trim()}", arguments[1]);
    }

    private static int Run(string[] arguments) => Run(arguments, out _);

    /// <summary>-w waits for the xtables lock instead of failing when another iptables runs.</summary>
    private static int Run(string[] arguments, out string error)
    {
        var start = new ProcessStartInfo("iptables") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-w");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            error = stderr.Result;
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Fail.FailedPrecondition("IptablesNotFound", "Bridge networks need the iptables program (Debian package iptables).", "iptables", e);
        }
    }
}
