namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>What a finished command printed and returned; <see cref="CommandLine"/> is for failure messages.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command's output when it failed, so a broken step names itself.</summary>
    public CommandResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException($"`{CommandLine}` exited {ExitCode}: {StandardError}{StandardOutput}");

    public override string ToString() => $"`{CommandLine}` -> {ExitCode}\n{StandardOutput}{StandardError}";
}
