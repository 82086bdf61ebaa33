using TimeActors.Service.Simulation;
using TimeActors.Service.Status;

namespace TimeActors.Service.Tests.Sources;

/// <summary>
/// <c>hwts-timeout = auto</c> in the simulated world (the late-hw-tx scenario: hardware TX stamps
/// 0.2–5 ms late, 2 % never): the production actors learn the NIC's latency there as on a real one.
/// </summary>
public sealed class AutoHwTsTimeoutSimulationTests
{
    private const double Seconds = 200;

    [Fact]
    public void In_the_late_hw_tx_scenario_the_learned_wait_covers_the_5ms_latencies_and_every_stamp_is_measured()
    {
        SimulationResult auto = SimulationRunner.Run(ScenarioLoader.Load("late-hw-tx"), 1, Seconds);
        SimulationResult fixedWait = SimulationRunner.Run(ScenarioLoader.Load("late-hw-tx", ["timeactors.hwts-timeout=1ms"]), 1, Seconds);

        HwTsTimeoutReport hwts = Assert.Single(auto.Status!.Sources).HwTsTimeout!;
        Assert.True(hwts.Auto);

        // The 0.99 quantile of uniform 0.2-5 ms latencies, with the 25 % margin: above 4.95 ms x 1.1, at most 5 ms x 1.25.
        Assert.InRange(hwts.TimeoutSeconds, 5.4e-3, 6.25e-3);

        // One request per second (poll 0): each stamp measured or counted missing, about 2 % missing.
        long outcomes = hwts.StampsMeasured + hwts.StampsMissing;
        Assert.InRange(outcomes, (long)Seconds - 3, (long)Seconds);
        Assert.InRange(hwts.StampsMissing, 1, outcomes / 20);

        // Responses wait for the stamps that come: far more are released by their stamp than with the
        // fixed 1 ms, which gives up on most of them.
        Assert.Equal(Assert.Single(fixedWait.Status!.Sources).HwTsTimeout, new HwTsTimeoutReport(false, 1e-3, 0, 0));
        Assert.True(auto.SavedResponses.ReleasedByStamp > 3 * fixedWait.SavedResponses.ReleasedByStamp, $"released by stamp: auto {auto.SavedResponses.ReleasedByStamp}, 1 ms {fixedWait.SavedResponses.ReleasedByStamp}");
    }
}
