namespace TimeActors.EndToEnd.Tests.NtpTools;

/// <summary>
/// One ntpdig run: the exit code (0 when a server's answer was accepted, 1 when none was: "no
/// eligible servers"), the parsed answers and the raw output for failure messages.
/// </summary>
public sealed record NtpDigResult(int ExitCode, IReadOnlyList<NtpDigAnswer> Answers, string StandardOutput, string StandardError)
{
    public bool Accepted => ExitCode == 0 && Answers.Count > 0;

    public override string ToString() => $"exit {ExitCode}\n{StandardOutput}{StandardError}";
}
