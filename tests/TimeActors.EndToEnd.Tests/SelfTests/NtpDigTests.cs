using TimeActors.EndToEnd.Tests.Chrony;
using TimeActors.EndToEnd.Tests.Faults;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.EndToEnd.Tests.NtpTools;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.SelfTests;

/// <summary>ntpdig (and its sntp name) as a client of servers in another namespace.</summary>
public sealed class NtpDigTests
{
    [Theory]
    [InlineData(NtpDig.NtpDigProgram)]
    [InlineData(NtpDig.SntpProgram)]
    public void Ntpdig_accepts_the_answer_of_a_chronyd_server(string program)
    {
        using var testbed = NetworkTestbed.Create();
        using var server = ChronydProcess.Start(testbed, testbed.A, ChronyConfig.Server(), "server");

        var result = NtpDig.Query(testbed, testbed.B, "10.200.0.1", program: program);

        Assert.True(result.Accepted, result.ToString());
        var answer = Assert.Single(result.Answers);
        Assert.Equal("10.200.0.1", answer.Ip);
        Assert.Equal(1, answer.Stratum);
        Assert.Equal("no-leap", answer.Leap);
        Assert.False(answer.Adjusted);
        // One shared clock; ntpdig stamps in Python user space, so a busy machine costs milliseconds.
        Assert.InRange(Math.Abs(answer.OffsetS), 0, 50e-3);
        Assert.True(server.ServerStats().NtpReceived >= 1);
    }

    [Fact]
    public void Ntpdig_reports_no_answer_when_nothing_serves()
    {
        using var testbed = NetworkTestbed.Create();

        var result = NtpDig.Query(testbed, testbed.B, "10.200.0.1", timeoutS: 1);

        Assert.False(result.Accepted);
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Answers);
    }

    [Fact]
    public void Ntpdig_accepts_a_scripted_normal_answer_rejects_kiss_of_death_and_trusts_a_wrong_origin()
    {
        using var testbed = NetworkTestbed.Create();
        var address = testbed.A.Address.ToString();

        using (var normal = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.Normal))
        {
            var result = NtpDig.Query(testbed, testbed.B, address);
            Assert.True(result.Accepted, result.ToString());
            Assert.Equal(1, Assert.Single(result.Answers).Stratum);
        }

        using (var deny = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.KissOfDeath(KissCode.Deny)))
        {
            var result = NtpDig.Query(testbed, testbed.B, address, timeoutS: 1);
            Assert.False(result.Accepted, result.ToString());
            Assert.Equal(1, result.ExitCode);
            Assert.Empty(result.Answers);
            Assert.Equal(1, deny.Requests);
        }

        // ntpdig does not compare the origin with its request: it computes with the forged one, so
        // the one-second shift shows as half a second of offset. Origin checks need another client.
        using (var wrong = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.WrongOrigin))
        {
            var result = NtpDig.Query(testbed, testbed.B, address, timeoutS: 1);
            Assert.True(result.Accepted, result.ToString());
            Assert.InRange(Assert.Single(result.Answers).OffsetS, 0.45, 0.55);
            Assert.Equal(1, wrong.Requests);
        }
    }
}
