namespace TimeActors.LoadGen.Tests;

/// <summary>
/// The generator against a scripted loopback responder: what it reports must be exactly what the
/// responder did, request by request, so its figures for real servers can be trusted.
/// </summary>
public sealed class LoadGeneratorTests
{
    private static LoadOptions At(LoopbackResponder responder, double? rate = 4000, int window = 64, TimeSpan? duration = null) => new()
    {
        Server = responder.EndPoint,
        RatePerSecond = rate,
        Window = window,
        Sockets = 4,
        Duration = duration ?? TimeSpan.FromSeconds(0.5),
        Timeout = TimeSpan.FromMilliseconds(200),
        Batch = 8,
    };

    private static LoadResult Run(LoopbackResponder responder, LoadOptions options)
    {
        using var generator = new LoadGenerator(options);
        var result = generator.Run();
        responder.Stop();
        return result;
    }

    [Fact]
    public void A_responder_dropping_every_tenth_request_shows_ten_percent_loss()
    {
        using var responder = new LoopbackResponder(n => n % 10 == 0 ? ReplyKind.Drop : ReplyKind.Proper);
        var result = Run(responder, At(responder));

        Assert.Equal(responder.Requests, result.Sent); // nothing lost on loopback before the responder
        Assert.Equal(responder.Dropped, result.Lost);
        Assert.Equal(responder.ProperReplies, result.ValidReplies);
        Assert.Equal(result.Sent, result.ValidReplies + result.Lost);
        Assert.Equal(0, result.Unmatched);
        Assert.InRange(result.LossPercent, 9.5, 10.5);
        // 4000/s for 0.5 s: never more, and what a stalled generator skipped is counted, not sent in a burst.
        Assert.InRange(result.Sent + result.Skipped, 1600, 2002);
        Assert.True(result.Sent >= 200, result.ToString());
        Assert.Equal(result.ValidReplies, result.LatencySamples);
        Assert.InRange(result.LatencyP50Us, 1, 100_000);
        Assert.True(result.LatencyP99Us >= result.LatencyP50Us && result.LatencyMaxUs >= result.LatencyP99Us);
    }

    [Fact]
    public void Replies_are_matched_by_origin_so_a_wrong_origin_is_no_reply()
    {
        using var responder = new LoopbackResponder(n => n % 3 == 0 ? ReplyKind.WrongOrigin : ReplyKind.Proper);
        var result = Run(responder, At(responder));

        Assert.Equal(responder.OtherReplies, result.Unmatched);
        Assert.Equal(responder.OtherReplies, result.Lost); // their requests stay unanswered until the timeout
        Assert.Equal(responder.ProperReplies, result.ValidReplies);
        Assert.Equal(0, result.InvalidReplies);
        Assert.True(result.Unmatched > 100, $"wrong origins sent: {responder.OtherReplies}");
    }

    [Fact]
    public void Unsynchronised_replies_and_kisses_of_death_are_not_counted_as_valid()
    {
        using var responder = new LoopbackResponder(n => (n % 4) switch
        {
            1 => ReplyKind.Unsynchronised,
            2 => ReplyKind.KissOfDeath,
            _ => ReplyKind.Proper,
        });
        var result = Run(responder, At(responder));

        Assert.Equal(responder.Requests, result.Sent);
        Assert.Equal(responder.ProperReplies, result.ValidReplies);
        Assert.Equal(responder.Count(ReplyKind.KissOfDeath), result.KissOfDeath);
        Assert.Equal(responder.Count(ReplyKind.Unsynchronised), result.InvalidReplies);
        Assert.True(result.KissOfDeath > 100 && result.InvalidReplies > 100, result.ToString());
        Assert.Equal(0, result.Lost);
    }

    [Fact]
    public void A_closed_loop_keeps_the_window_full_and_loses_nothing_from_a_perfect_responder()
    {
        using var responder = new LoopbackResponder(_ => ReplyKind.Proper);
        var result = Run(responder, At(responder, rate: null, window: 32, duration: TimeSpan.FromSeconds(0.3)));

        Assert.Equal(0, result.Lost);
        Assert.Equal(result.Sent, result.ValidReplies);
        Assert.Equal(responder.Requests, result.Sent);
        Assert.True(result.Sent > 2000, $"only {result.Sent} requests in 0.3 s with 32 in flight"); // far above any paced rate
    }

    [Fact]
    public void Many_source_addresses_each_reach_the_server_and_get_their_replies()
    {
        var sources = new HashSet<uint>();
        using var responder = new LoopbackResponder(_ => ReplyKind.Proper, client => sources.Add(client));
        var result = Run(responder, At(responder, rate: 8000, window: 256) with { SourceAddresses = 1000 });

        Assert.Equal(0, result.Lost);
        Assert.Equal(result.Sent, result.ValidReplies);
        Assert.Equal(1000, sources.Count); // 4000 requests cycle through all 1000 addresses
        Assert.Contains(LoadGenerator.FirstSourceAddress, sources);
        Assert.Contains(LoadGenerator.FirstSourceAddress + 999, sources);
    }

    [Fact]
    public void The_hot_loop_allocates_nothing_per_request()
    {
        using var responder = new LoopbackResponder(n => n % 10 == 0 ? ReplyKind.Drop : ReplyKind.Proper);
        using var generator = new LoadGenerator(At(responder, rate: 8000) with { SourceAddresses = 100 });
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = generator.Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        responder.Stop();

        Assert.True(result.Sent > 1000, result.ToString());
        // The result record and its strings only: one allocation per request would be kilobytes more.
        Assert.True(allocated < 2048, $"{allocated} bytes allocated for {result.Sent} requests");
    }
}
