using ContainerPS.Shim.State;

namespace ContainerPS.Shim.Supervision;

/// <summary>How a supervisor runs: detached for `create` (reports on fd 3, waits for `start`), or in the foreground for `run`.</summary>
internal sealed record SupervisorOptions(StateDirectory State, string Bundle, CreateReport? Report, bool StartImmediately);
