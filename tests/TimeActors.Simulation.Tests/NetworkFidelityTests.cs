namespace TimeActors.Simulation.Tests;

/// <summary>
/// The network is the model clknetsim's default scenario uses, so chrony's figures compare with ours:
/// one-way delay = 100 µs + Exp(mean 100 µs), i.e. mean 200 µs and RMS √(5e-8) s = 223.6 µs.
/// </summary>
public sealed class NetworkFidelityTests
{
    private const int Draws = 200_000;

    [Fact]
    public void Default_network_one_way_delay_has_mean_200us_and_rms_224us()
    {
        var model = new DelayModel(new LinkOptions(), new SimRandom(7));
        double sum = 0;
        double sumSquares = 0;
        double min = double.MaxValue;
        for (int i = 0; i < Draws; i++)
        {
            double d = i % 2 == 0 ? model.ClientToServer()!.Value : model.ServerToClient()!.Value;
            sum += d;
            sumSquares += d * d;
            min = Math.Min(min, d);
        }

        double mean = sum / Draws;
        double rms = Math.Sqrt(sumSquares / Draws);
        Assert.InRange(mean, 200e-6 * 0.98, 200e-6 * 1.02);
        Assert.InRange(rms, 223.6e-6 * 0.98, 223.6e-6 * 1.02);
        Assert.True(min >= 100e-6, $"no delay below the base, got {min}");
    }

    [Fact]
    public void Asymmetry_scales_the_exponential_part_by_1_minus_2a_out_and_1_plus_2a_back()
    {
        var model = new DelayModel(new LinkOptions { BaseDelaySeconds = 0, JitterSeconds = 1e-3, Asymmetry = 0.25 }, new SimRandom(3));
        double outSum = 0;
        double backSum = 0;
        for (int i = 0; i < Draws; i++)
        {
            outSum += model.ClientToServer()!.Value;
            backSum += model.ServerToClient()!.Value;
        }

        Assert.InRange(outSum / Draws, 0.5e-3 * 0.98, 0.5e-3 * 1.02);
        Assert.InRange(backSum / Draws, 1.5e-3 * 0.98, 1.5e-3 * 1.02);
    }

    [Fact]
    public void Loss_drops_the_configured_share_of_packets()
    {
        var model = new DelayModel(new LinkOptions { Loss = 0.1 }, new SimRandom(11));
        int lost = Enumerable.Range(0, Draws).Count(_ => model.ClientToServer() is null);
        Assert.InRange(lost / (double)Draws, 0.097, 0.103);
    }

    [Fact]
    public void Same_seed_gives_the_same_delays_and_another_seed_different_ones()
    {
        static double[] Draw(ulong seed)
        {
            var model = new DelayModel(new LinkOptions(), new SimRandom(seed));
            return [.. Enumerable.Range(0, 100).Select(_ => model.ClientToServer()!.Value)];
        }

        Assert.Equal(Draw(5), Draw(5));
        Assert.NotEqual(Draw(5), Draw(6));
    }

    [Fact]
    public void Forked_streams_are_independent_of_each_others_use()
    {
        var a = new SimRandom(9);
        var b = new SimRandom(9);
        var aOut = a.Fork("link-0");
        var bOut = b.Fork("link-0");
        var bOther = b.Fork("nic");
        for (int i = 0; i < 1000; i++)
        {
            bOther.Normal(); // another generator drawing must not shift this one
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(_ => aOut.NextUInt64()), Enumerable.Range(0, 50).Select(_ => bOut.NextUInt64()));
        Assert.NotEqual(new SimRandom(9).Fork("x").NextUInt64(), new SimRandom(9).Fork("y").NextUInt64());
    }

    [Fact]
    public void Normal_and_exponential_have_their_moments()
    {
        var random = new SimRandom(1);
        var normals = Enumerable.Range(0, Draws).Select(_ => random.Normal()).ToArray();
        var exps = Enumerable.Range(0, Draws).Select(_ => random.Exponential()).ToArray();
        Assert.InRange(normals.Average(), -0.01, 0.01);
        Assert.InRange(Math.Sqrt(normals.Select(x => x * x).Average()), 0.99, 1.01);
        Assert.InRange(exps.Average(), 0.99, 1.01);
    }
}
