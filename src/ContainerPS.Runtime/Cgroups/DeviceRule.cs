using ContainerPS.Runtime.Spec;

namespace ContainerPS.Runtime.Cgroups;

/// <summary>
/// One validated runtime-spec device rule. Validated here so a bad rule fails with
/// <see cref="CgroupErrorIds.InvalidLimit"/> before anything is created, not with a kernel EINVAL halfway through.
/// Type is 'a' (all), 'c' or 'b'; a null number is the wildcard; access is made of r, w, m.
/// </summary>
internal sealed record DeviceRule(bool Allow, char Type, long? Major, long? Minor, string Access)
{
    /// <summary>The v1 control file the rule is written to (cgroup-v1/devices.rst).</summary>
    public string FileName => Allow ? "devices.allow" : "devices.deny";

    /// <summary>The v1 line, "type major:minor access"; type a is written bare, as the kernel reads it.</summary>
    public string Line => Type == 'a' ? "a" : $"{Type} {Number(Major)}:{Number(Minor)} {Access}";

    /// <summary>The type-a deny: it makes the cgroup deny by default and clears the exceptions it inherited.</summary>
    public bool IsDenyAll => !Allow && Type == 'a';

    public static DeviceRule From(DeviceRuleSpec spec)
    {
        string type = spec.Type is null or "" ? "a" : spec.Type;
        if (type is not ("a" or "c" or "b"))
        {
            throw Invalid($"device type '{type}' is not one of a, c, b");
        }

        string access = spec.Access is null or "" ? "rwm" : spec.Access;
        if (access.Length > 3 || access.Any(c => c is not ('r' or 'w' or 'm')) || access.Distinct().Count() != access.Length)
        {
            throw Invalid($"device access '{access}' is not made of r, w, m");
        }

        if (spec.Major < 0 || spec.Minor < 0 || spec.Major > uint.MaxValue || spec.Minor > uint.MaxValue)
        {
            throw Invalid($"device number {spec.Major}:{spec.Minor} is out of range");
        }

        // The v1 kernel reads a rule starting with "a" as every device with every access, whatever follows, so a
        // narrower type-a rule would silently become a wider one: refuse it rather than allow more than was asked.
        if (type == "a" && (spec.Major is not null || spec.Minor is not null || access.Length != 3))
        {
            throw Invalid("a type-a rule must cover every device number with rwm");
        }

        return new DeviceRule(spec.Allow, type[0], spec.Major, spec.Minor, access);
    }

    private static string Number(long? value) => value is null ? "*" : CgroupValue.Number(value.Value);

    public static CgroupException Invalid(string what) =>
        new(CgroupErrorIds.InvalidLimit, $"Invalid device rule: {what} (config-linux.md, \"Allowed Device List\").");
}
