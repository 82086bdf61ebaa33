using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

/// <summary>
/// The exchange side of <c>hwts-timeout = auto</c>: the wait is a settable property the actor fills
/// with the learned value, and which hardware TX stamps may release a saved response at all.
/// </summary>
public sealed class LearnedTimeoutExchangeTests
{
    private const double T1 = 64_000;

    private static ExchangeHarness Primed(double kernelStampAfterSendMs)
    {
        var harness = new ExchangeHarness();
        Assert.True(harness.GoodExchange(0, TimeInterval.Zero).Has(ExchangeActionKind.ProcessSample));
        harness.Send(Ms(T1));
        harness.TxStamp(Ms(T1 + kernelStampAfterSendMs), TimestampSource.Kernel);
        return harness;
    }

    private static byte[] Response(ExchangeHarness harness) =>
        harness.Respond(Ms(T1 + 0.1), TimeInterval.Zero, TimeInterval.FromMicroseconds(10));

    [Fact]
    public void The_wait_set_on_the_exchange_is_the_one_armed_and_zero_still_disables_saving()
    {
        ExchangeHarness harness = Primed(0.002);
        Assert.Equal(TimeInterval.FromMilliseconds(1), harness.Exchange.SavedResponseTimeout); // the option's value until set
        harness.Exchange.SavedResponseTimeout = TimeInterval.FromMicroseconds(6150);

        ExchangeAction[] actions = harness.Receive(Response(harness), Ms(T1 + 0.21));
        Assert.Equal((ExchangeTimer.SavedResponse, TimeInterval.FromMicroseconds(6150)), (actions[0].Timer, actions[0].Delay));

        ExchangeHarness off = Primed(0.002);
        off.Exchange.SavedResponseTimeout = TimeInterval.Zero;
        Assert.True(off.Receive(Response(off), Ms(T1 + 0.21)).Has(ExchangeActionKind.ProcessSample));
    }

    /// <summary>
    /// chrony's rule: a better TX stamp must be 0..1 s later than the one held. A NIC stamps the frame
    /// after the kernel's software stamp on a real host; a hardware stamp dated before the kernel stamp
    /// (a simulator that stamps both at the same instant, then adds PHC conversion noise) is ignored and
    /// the response waits for its timeout however long the wait: about half of such stamps are lost.
    /// </summary>
    [Theory]
    [InlineData(-0.00002, false)]
    [InlineData(0.00002, true)]
    public void Only_a_hardware_stamp_dated_after_the_kernel_stamp_releases_the_saved_response(double hardwareMinusKernelMs, bool released)
    {
        ExchangeHarness harness = Primed(0.002);
        harness.Exchange.SavedResponseTimeout = TimeInterval.FromMilliseconds(100);
        Assert.True(harness.Receive(Response(harness), Ms(T1 + 0.21)).Has(ExchangeActionKind.ResponseSaved));

        ExchangeAction[] actions = harness.TxStamp(Ms(T1 + 0.002 + hardwareMinusKernelMs), TimestampSource.Hardware);

        Assert.Equal(released, actions.Has(ExchangeActionKind.ProcessSample));
        Assert.Equal(released ? SavedResponseState.Empty : SavedResponseState.Waiting, harness.Exchange.SavedState);
    }
}
