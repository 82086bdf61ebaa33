using TimeActors.EndToEnd.Tests.Faults;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Timing.Wire;
using Xunit.Abstractions;
using static TimeActors.EndToEnd.Tests.Service.TimeActorsServiceProcess;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Issue 6, test 5 (KoD): a server answering every request with KoD RATE makes our source poll
/// less often (its poll grows in status, and its requests thin out); one answering DENY demobilises
/// the source: it is reported unreachable and the server never hears from us again.
/// </summary>
[Collection(ServiceProcessCollection.Name)]
public sealed class KissOfDeathTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(25);

    [Fact]
    public void Rate_backs_the_source_off_and_deny_demobilises_it()
    {
        using var testbed = NetworkTestbed.Create();
        using var rate = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.KissOfDeath(KissCode.Rate), port: 123);
        using var deny = new ScriptedNtpServer(testbed.A, ScriptedNtpServer.KissOfDeath(KissCode.Deny), port: 1124);
        var rateAddress = $"{testbed.A.Address}:123";
        var denyAddress = $"{testbed.A.Address}:1124";
        const int MinPoll = -3;
        var service = TimeActorsServiceProcess.Start(
            testbed,
            testbed.B,
            [
                $"{{ server = \"{testbed.A.Address}\", minpoll = {MinPoll}, maxpoll = 4 }}",

                // Without the KoD this source would send 8 requests a second.
                $"{{ server = \"{testbed.A.Address}\", port = 1124, minpoll = -3, maxpoll = -3 }}",
            ]);

        Poll.Until(() => deny.Requests >= 1 && rate.Requests >= 1, Patience, "requests at both scripted servers");
        var demobilised = Poll.Until(
            () => service.Process.Output.Contains("kiss-o'-death", StringComparison.Ordinal) ? service.Process.Output : null,
            Patience,
            "the DENY warning in the service log",
            () => service.ToString());
        int denyRequests = deny.Requests;

        // Each RATE raises the poll by one and pushes the next request four intervals out.
        var backedOff = service.WaitForSource(rateAddress, s => PollLog2(s) >= MinPoll + 3, "the RATE source backed off by three poll steps", Patience);
        Assert.True(Samples(backedOff) == 0 && SamplesTaken(backedOff) == 0, backedOff.ToString());

        // At 1/8 s polls a still-active DENY source would have sent dozens of requests by now.
        var status = service.Status();
        var denied = Source(status, denyAddress);
        Assert.Equal("unreachable", State(denied));
        Assert.Equal(0, Reach(denied));
        Assert.Equal(denyRequests, deny.Requests);
        Assert.True(denyRequests <= 2, $"{denyRequests} requests reached the DENY server");

        // Backed off by the KoD itself, not by missing answers: unanswered requests also lengthen
        // the poll, but only by a quarter step each (12 requests to climb three steps); three RATEs
        // climb three steps, each followed by a wait of four poll intervals.
        Assert.True(rate.Requests <= 5, $"{rate.Requests} requests reached the RATE server");
        Assert.Contains(denyAddress.Split(':')[0], demobilised, StringComparison.Ordinal);
        service.EnsureRunning();

        output.WriteLine(service.Process.Output);
    }
}
