using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Tests.Wire;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

public sealed class ExchangePropertyTests
{
    [Fact]
    public void Offset_and_delay_are_exact_for_any_path_and_server_offset()
    {
        Gen<(int OutUs, int BackUs, int HoldUs, long OffsetUs)> gen =
            from outUs in Gen.Choose(0, 1_000_000)
            from backUs in Gen.Choose(0, 1_000_000)
            from holdUs in Gen.Choose(0, 3_000_000)
            from offsetUs in Gen.Choose(-int.MaxValue, int.MaxValue)
            select (outUs, backUs, holdUs, (long)offsetUs * 1000);

        Prop.ForAll(gen.ToArbitrary(), path =>
            {
                var harness = new ExchangeHarness();
                harness.Send(Ms(0));
                var outbound = TimeInterval.FromMicroseconds(path.OutUs);
                var back = TimeInterval.FromMicroseconds(path.BackUs);
                var hold = TimeInterval.FromMicroseconds(path.HoldUs);
                byte[] response = harness.Respond(Ms(0) + outbound, TimeInterval.FromMicroseconds(path.OffsetUs), hold);
                ExchangeAction[] actions = harness.Receive(response, Ms(0) + outbound + hold + back);
                SourceSample sample = Array.Find(actions, a => a.Kind == ExchangeActionKind.ProcessSample).Sample;

                TimeInterval delay = outbound + back;
                TimeInterval floor = TimeInterval.FromMicroseconds(1) + new TimeInterval(954);
                return sample.Offset == TimeInterval.FromMicroseconds(path.OffsetUs) + new TimeInterval((outbound - back).Nanoseconds / 2)
                    && sample.Delay == (delay > floor ? delay : floor);
            })
            .Check(PropertyConfig.Deterministic(500));
    }

    /// <summary>
    /// Random event sequences against one source (sends, TX stamps, valid/invalid/duplicate responses,
    /// timers, clock steps, offline/online): the saved-response invariants hold after every step.
    /// </summary>
    [Fact]
    public void Saved_response_invariants_hold_for_random_event_sequences()
    {
        Gen<int[]> events = Gen.ArrayOf(Gen.Choose(0, 11), 60);
        var releases = new Dictionary<SavedResponseRelease, int>();
        int discards = 0;

        Prop.ForAll(events.ToArbitrary(), script =>
            {
                var harness = new ExchangeHarness(new ClientExchangeOptions { InitialBurst = true });
                harness.Start();
                double now = 0;
                int samplesForRequest = 0;
                bool savedSinceTransmit = false;
                foreach (int e in script)
                {
                    now += 0.3;
                    ExchangeAction[] actions = e switch
                    {
                        0 or 1 => harness.Send(Ms(now)),
                        2 => harness.TxStamp(Ms(now), TimestampSource.Kernel),
                        3 => harness.TxStamp(Ms(now), TimestampSource.Hardware),
                        4 or 5 => harness.Receive(harness.Respond(Ms(now - 0.1), TimeInterval.FromMilliseconds(e), TimeInterval.Zero), Ms(now)),
                        6 => harness.Receive(harness.Respond(Ms(now - 0.1), TimeInterval.Zero, TimeInterval.Zero, h => h with { Origin = new NtpTimestamp(3) }), Ms(now)),
                        7 => harness.Fire(ExchangeTimer.SavedResponse),
                        8 => harness.Fire(ExchangeTimer.Receive),
                        9 => Step(harness, TimeInterval.FromMicroseconds(250)),
                        10 => harness.Exchange.GoOffline().ToArray(),
                        _ => harness.Start(),
                    };

                    foreach (ExchangeAction action in actions)
                    {
                        switch (action.Kind)
                        {
                            case ExchangeActionKind.SendRequest:
                                samplesForRequest = 0;
                                savedSinceTransmit = false;
                                break;
                            case ExchangeActionKind.ResponseSaved:
                                savedSinceTransmit = true;
                                break;
                            case ExchangeActionKind.SavedResponseDiscarded:
                                discards++;
                                break;
                            case ExchangeActionKind.ProcessSample:
                                samplesForRequest++;
                                releases[action.Release] = releases.GetValueOrDefault(action.Release) + 1;
                                if (action.Release != SavedResponseRelease.NotSaved && !savedSinceTransmit)
                                {
                                    throw new InvalidOperationException($"event {e} at {now}: released a response never saved");
                                }

                                break;
                        }
                    }

                    bool waiting = harness.Exchange.SavedState == SavedResponseState.Waiting;
                    string context = $"event {e} at {now}: {string.Join(", ", actions)}";
                    if (samplesForRequest > 1)
                    {
                        throw new InvalidOperationException($"{context}: two samples from one request");
                    }

                    if (waiting && (!harness.Exchange.SocketOpen || harness.Exchange.Activity != SourceActivity.Online))
                    {
                        throw new InvalidOperationException($"{context}: waiting without an open socket or while not online");
                    }

                    if (waiting && Array.Exists(actions, a => a.Kind == ExchangeActionKind.CloseSocket))
                    {
                        throw new InvalidOperationException($"{context}: socket closed while a response waits");
                    }
                }

                return true;
            })
            .Check(PropertyConfig.Deterministic(400));

        // The sequences must actually reach every transition, or the invariants prove nothing.
        Assert.All(Enum.GetValues<SavedResponseRelease>(), r => Assert.True(releases.GetValueOrDefault(r) > 0, $"no sample released by {r}"));
        Assert.True(discards > 0);
    }

    private static ExchangeAction[] Step(ExchangeHarness harness, TimeInterval correction)
    {
        harness.Exchange.OnClockAdjusted(correction);
        return [];
    }
}
