using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

public sealed class AllocationTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Steady_state_exchange_steps_allocate_nothing(bool saveAndRelease)
    {
        var exchange = new ClientExchange(new ClientExchangeOptions(), new SequenceRandom()) { HardwareTimestampingEnabled = saveAndRelease };
        ulong token = exchange.Start()[0].TimerToken;
        var request = new byte[48];
        var response = new byte[48];
        long samples = 0;

        void Step(int i)
        {
            SystemTime t1 = Ms(i * 64_000.0);
            ReadOnlySpan<ExchangeAction> sent = exchange.Transmit(token, t1, request);
            token = sent[^1].TimerToken;
            NtpHeader query = NtpHeader.ReadFrom(request);
            SystemTime t2 = t1 + TimeInterval.FromMilliseconds(1.5);
            new NtpHeader(LeapIndicator.NoWarning, 4, NtpMode.Server, 2, 6, -20, NtpShort.Zero, NtpShort.Zero, 1, NtpTimestamp.Zero, query.Transmit, NtpTimestamp.FromSystemTime(t2), NtpTimestamp.FromSystemTime(t2)).WriteTo(response);
            ReadOnlySpan<ExchangeAction> actions = exchange.OnResponse(response, new PacketTimestamp(t1 + TimeInterval.FromMilliseconds(2), TimestampSource.Kernel, TimeInterval.Zero));
            if (saveAndRelease && i > 0)
            {
                actions = exchange.OnTxStamp(query.Transmit, new PacketTimestamp(t1, TimestampSource.Hardware, TimeInterval.Zero));
            }

            foreach (ExchangeAction action in actions)
            {
                samples += action.Kind == ExchangeActionKind.ProcessSample ? 1 : 0;
            }
        }

        for (int i = 0; i < 10; i++)
        {
            Step(i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 10; i < 1010; i++)
        {
            Step(i);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1010, samples);
        Assert.Equal(saveAndRelease ? 1009 : 0, exchange.SavedByHardwareStampCount);
    }
}
