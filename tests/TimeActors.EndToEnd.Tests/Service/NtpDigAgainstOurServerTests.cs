using System.Text.Json;
using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.EndToEnd.Tests.NtpTools;
using Xunit.Abstractions;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Issue 6, test 3: ntpdig and sntp (Debian's sntp is a symlink to ntpdig; both names are run) query
/// our server from another namespace and accept its answer. Our service is synchronised to a
/// chronyd server first, so it answers at stratum 2 with no leap warning.
/// </summary>
[Collection(RealPeersCollection.Name)]
public sealed class NtpDigAgainstOurServerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Ntpdig_and_sntp_accept_the_answers_of_our_server()
    {
        using var testbed = NetworkTestbed.Create(); // A: chronyd server and the ntpdig client, B: us
        var upstream = testbed.A.Address.ToString();
        var ours = testbed.B.Address.ToString();
        using var peer = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "peer");
        using var service = ServiceProcess.Start(testbed, testbed.B, $$"""
            sources = [ { server = "{{upstream}}", iburst = on, minpoll = {{ChronyConfig.FastPoll}}, maxpoll = {{ChronyConfig.FastPoll}} } ]
            server { listen = ["{{ours}}"], allow = ["{{NetworkTestbed.Subnet}}"] }
            """);
        Poll.Until(() => service.Sources().SingleOrDefault(s => s.IsSelected), Patience, $"our service selecting {upstream}",
            () => service.StatusJsonText() + "\n" + service.Output);
        var answeredBefore = service.ServerCounters()["answered"];

        foreach (var program in new[] { NtpDig.NtpDigProgram, NtpDig.SntpProgram })
        {
            var result = NtpDig.Query(testbed, testbed.A, ours, timeoutS: 2, samples: 1, program: program);
            output.WriteLine($"{program}: {result}");
            Assert.True(result.Accepted, $"{program} did not accept our answer: {result}");
            var answer = Assert.Single(result.Answers);
            Assert.Equal(ours, answer.Ip);
            Assert.Equal(2, answer.Stratum);
            Assert.Equal("no-leap", answer.Leap);
            Assert.False(answer.Adjusted); // it only reports
            // One shared clock; ntpdig stamps in Python user space, good to milliseconds only.
            Assert.InRange(answer.OffsetS, -0.01, 0.01);
        }

        // Through the operators' command line: the server counted the two queries.
        var status = service.StatusCommand(testbed);
        Assert.True(status.ExitCode == 0, status.ToString());
        using var json = JsonDocument.Parse(status.StandardOutput);
        var server = json.RootElement.GetProperty("server");
        output.WriteLine($"timeactors status --json, server: {server}");
        Assert.True(server.GetProperty("answered").GetInt64() >= answeredBefore + 2, server.ToString());
        Assert.Equal(0, server.GetProperty("denied").GetInt64());
        Assert.Equal("observe", json.RootElement.GetProperty("tracking").GetProperty("mode").GetString());
    }
}
