using System.Globalization;
using System.Text.Json;
using TimeActors.EndToEnd.Tests.Harness;

namespace TimeActors.EndToEnd.Tests.NtpTools;

/// <summary>
/// ntpsec's SNTP client, run from a testbed node. On Debian the <c>sntp</c> package is only a
/// symlink <c>/usr/bin/sntp -> ntpdig</c> (package ntpsec-ntpdig, which ntpsec-ntpdate also
/// uses), so both names run the same program and either may be chosen. It is never given -s or
/// -S, so it only reports and never sets the clock.
/// </summary>
public static class NtpDig
{
    public const string NtpDigProgram = "ntpdig";
    public const string SntpProgram = "sntp";

    /// <summary>Queries <paramref name="server"/> (address or name) from <paramref name="node"/>; <paramref name="timeoutS"/> is ntpdig's per-request timeout.</summary>
    public static NtpDigResult Query(NetworkTestbed testbed, TestbedNode node, string server, int timeoutS = 2, int samples = 1, string program = NtpDigProgram)
    {
        var result = testbed.Exec(node, TimeSpan.FromSeconds(timeoutS * samples + 15), program, "-j",
            "-t", timeoutS.ToString(CultureInfo.InvariantCulture), "-p", samples.ToString(CultureInfo.InvariantCulture), server);
        return new NtpDigResult(result.ExitCode, ParseAnswers(result.StandardOutput), result.StandardOutput, result.StandardError);
    }

    /// <summary>Parses the JSON lines of <c>ntpdig -j</c>, one per answering server.</summary>
    public static IReadOnlyList<NtpDigAnswer> ParseAnswers(string output)
    {
        var answers = new List<NtpDigAnswer>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            answers.Add(new NtpDigAnswer(
                root.GetProperty("time").GetString() ?? string.Empty,
                root.GetProperty("offset").GetDouble(),
                root.GetProperty("precision").GetDouble(),
                root.GetProperty("host").GetString() ?? string.Empty,
                root.GetProperty("ip").GetString() ?? string.Empty,
                root.GetProperty("stratum").GetInt32(),
                root.GetProperty("leap").GetString() ?? string.Empty,
                root.GetProperty("adjusted").GetBoolean()));
        }

        return answers;
    }
}
