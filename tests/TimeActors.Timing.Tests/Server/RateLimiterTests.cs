using TimeActors.Timing.Server;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Server;

public class RateLimiterTests
{
    private static readonly SystemTime Start = new(1_800_000_000L * 1_000_000_000L);
    private static readonly ClientAddress ClientA = ClientAddress.FromIPv4(0xC0000201); // 192.0.2.1
    private static readonly ClientAddress ClientB = ClientAddress.FromIPv4(0xC0000202);

    private static RateLimiter Limiter(RateLimitSettings? settings = null) =>
        new(settings ?? RateLimitSettings.Default, 0x0123456789ABCDEF, 0xFEDCBA9876543210);

    private static SystemTime At(double seconds) => Start + TimeInterval.FromSeconds(seconds);

    [Fact]
    public void A_quiet_client_gets_a_full_burst_then_is_limited()
    {
        var limiter = Limiter();

        for (var i = 0; i < 8; i++)
            Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, Start));
        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(ClientA, Start));
    }

    [Fact]
    public void One_interval_of_silence_earns_exactly_one_more_response()
    {
        var limiter = Limiter();
        for (var i = 0; i < 8; i++)
            limiter.Check(ClientA, Start);

        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(7.9)));
        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(8.0 + 7.9)));
        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(8.0 + 7.9)));
    }

    [Fact]
    public void A_client_polling_at_the_interval_is_never_limited()
    {
        var limiter = Limiter();

        for (var i = 0; i < 1000; i++)
            Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(i * 8.0)));
        Assert.Equal(0, limiter.Statistics.Dropped);
    }

    [Fact]
    public void A_flood_gets_its_burst_and_then_only_the_leak()
    {
        var limiter = Limiter();
        int allowed = 0, leaked = 0, dropped = 0;

        // 100 requests per second for 800 s.
        for (var i = 0; i < 80_000; i++)
        {
            switch (limiter.Check(ClientA, At(i * 0.01)))
            {
                case RateLimitVerdict.Allowed: allowed++; break;
                case RateLimitVerdict.Leaked: leaked++; break;
                default: dropped++; break;
            }
        }

        // The burst, then (as in chrony) every leaked answer spends the accrued allowance, so a
        // client that never slows down only gets the leak: about one in 2^leak requests (leak 2 -> 1/4).
        Assert.InRange(allowed, 8, 12);
        var leakFraction = (double)leaked / (leaked + dropped);
        Assert.InRange(leakFraction, 0.22, 0.28);
        Assert.Equal(80_000, limiter.Statistics.Requests);
        Assert.Equal(dropped, limiter.Statistics.Dropped);
        Assert.Equal(leaked, limiter.Statistics.Leaked);
    }

    [Fact]
    public void Clients_are_limited_independently()
    {
        var limiter = Limiter();
        for (var i = 0; i < 50; i++)
            limiter.Check(ClientA, Start);

        for (var i = 0; i < 8; i++)
            Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientB, Start));
    }

    [Fact]
    public void Ipv6_and_mapped_ipv4_clients_are_keyed_by_their_address()
    {
        var limiter = Limiter(new RateLimitSettings { Burst = 1 });
        var v6 = ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("2001:db8::1"));
        var mapped = ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("::ffff:192.0.2.1"));

        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(v6, Start));
        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, Start));
        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(mapped, Start));
    }

    [Fact]
    public void Time_going_backwards_adds_no_allowance()
    {
        var limiter = Limiter(new RateLimitSettings { Burst = 1 });
        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(100)));

        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(0)));
        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(100)));
        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(108)));
    }

    [Fact]
    public void Sub_second_intervals_limit_finer_rates()
    {
        // interval -4: one response per 62.5 ms on average.
        var limiter = Limiter(new RateLimitSettings { IntervalLog2 = -4, Burst = 1 });

        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(0)));
        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(0.06)));
        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientA, At(0.06 + 0.0625)));
    }

    [Fact]
    public void A_full_bucket_evicts_its_least_recently_seen_client_and_memory_stays_fixed()
    {
        // One bucket of eight records: the ninth client must replace the quietest one.
        var limiter = Limiter(new RateLimitSettings { Capacity = RateLimiter.BucketSize, Burst = 1, IntervalLog2 = 6 });
        for (var i = 0; i < 8; i++)
            limiter.Check(ClientAddress.FromIPv4(0x0A000000u + (uint)i), At(i));
        Assert.Equal(8, limiter.Statistics.ClientsTracked);

        // Client 0 (seen at t=0) is the oldest; client 1 is refreshed so it is not.
        limiter.Check(ClientAddress.FromIPv4(0x0A000001u), At(8.5));
        limiter.Check(ClientAddress.FromIPv4(0x0A0000FFu), At(9));

        var stats = limiter.Statistics;
        Assert.Equal(1, stats.Evictions);
        Assert.Equal(8, stats.ClientsTracked);

        // Client 1 is still limited (its record survived); client 0 was forgotten and starts afresh.
        Assert.NotEqual(RateLimitVerdict.Allowed, limiter.Check(ClientAddress.FromIPv4(0x0A000001u), At(9)));
        Assert.Equal(RateLimitVerdict.Allowed, limiter.Check(ClientAddress.FromIPv4(0x0A000000u), At(9)));
    }

    [Fact]
    public void Many_distinct_clients_never_grow_the_table()
    {
        var limiter = Limiter(new RateLimitSettings { Capacity = 1024 });
        for (var i = 0; i < 100_000; i++)
            limiter.Check(ClientAddress.FromIPv4((uint)i * 2654435761u), At(i * 0.001));

        Assert.Equal(1024, limiter.Statistics.ClientsTracked);
        Assert.True(limiter.Statistics.Evictions >= 100_000 - 1024);
    }

    [Fact]
    public void Checking_a_request_allocates_nothing()
    {
        var limiter = Limiter();
        var v6 = ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("2001:db8::7"));
        for (var i = 0; i < 1000; i++)
            limiter.Check(ClientAddress.FromIPv4((uint)i), At(i * 0.01));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            limiter.Check(ClientAddress.FromIPv4((uint)(i % 5000)), At(10 + i * 0.01));
            limiter.Check(v6, At(10 + i * 0.01));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Concurrent_threads_never_hand_out_more_than_the_burst()
    {
        // Time frozen: no refill, so exactly `burst` requests may be Allowed however threads interleave.
        var limiter = Limiter(new RateLimitSettings { Burst = 50 });
        var allowed = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 5000; i++)
            {
                if (limiter.Check(ClientA, Start) == RateLimitVerdict.Allowed)
                    Interlocked.Increment(ref allowed);
            }
        });

        Assert.Equal(50, allowed);
        var stats = limiter.Statistics;
        Assert.Equal(40_000, stats.Requests);
        Assert.Equal(40_000 - 50, stats.Dropped + stats.Leaked);
    }

    [Fact]
    public void Sockets_sharing_one_limiter_give_every_client_exactly_its_burst()
    {
        // Four server sockets on four threads see the same 300 clients in different orders (REUSEPORT
        // moved them, or they change ports): time frozen, each client gets exactly `burst` answers.
        const int clients = 300;
        const int burst = 5;
        var limiter = Limiter(new RateLimitSettings { Burst = burst });
        var allowed = new int[clients];

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, socket =>
        {
            for (var round = 0; round < 20; round++)
            {
                for (var k = 0; k < clients; k++)
                {
                    var c = (k * (socket + 1) * 7 + round) % clients;
                    if (limiter.Check(ClientAddress.FromIPv4(0x0A000000u + (uint)c), Start) == RateLimitVerdict.Allowed)
                    {
                        Interlocked.Increment(ref allowed[c]);
                    }
                }
            }
        });

        var stats = limiter.Statistics;
        Assert.Equal(4 * 20 * clients, stats.Requests);
        Assert.Equal(clients, stats.ClientsTracked);
        Assert.Equal(0, stats.Evictions);
        Assert.Equal(4 * 20 * clients - (clients * burst) - stats.Leaked, stats.Dropped);
        Assert.All(allowed, a => Assert.Equal(burst, a));
    }

    [Theory]
    [InlineData(13, 8, 2, 1024)]
    [InlineData(3, 0, 2, 1024)]
    [InlineData(3, 256, 2, 1024)]
    [InlineData(3, 8, 0, 1024)]
    [InlineData(3, 8, 5, 1024)]
    [InlineData(3, 8, 2, 1000)]
    [InlineData(3, 8, 2, 4)]
    public void Invalid_settings_are_refused(int interval, int burst, int leak, int capacity) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Limiter(new RateLimitSettings { IntervalLog2 = interval, Burst = burst, LeakLog2 = leak, Capacity = capacity }));
}
