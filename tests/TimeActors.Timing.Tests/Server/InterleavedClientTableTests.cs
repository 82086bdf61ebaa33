using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Server;

public sealed class InterleavedClientTableTests
{
    private static readonly SystemTime T0 = new(1_800_000_000L * 1_000_000_000L);

    private static PacketTimestamp Daemon(long ns) => new(T0 + new TimeInterval(ns), TimestampSource.Daemon, TimeInterval.Zero);

    [Fact]
    public void Sockets_on_many_threads_share_one_table_without_losing_a_client()
    {
        // Four socket loops: each records answers for its own 100 clients and feeds back kernel stamps,
        // while reading the others' clients. Every response just recorded must be found, with its stamp.
        var table = new InterleavedClientTable(1 << 17);
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, socket =>
        {
            for (var round = 1; round <= 20; round++)
            {
                for (var k = 0; k < 100; k++)
                {
                    var client = ClientAddress.FromIPv4(0x0A000000u + (uint)(socket * 100 + k));
                    var receive = new NtpTimestamp(((ulong)round << 32) | 1);
                    table.Record(client, receive, Daemon(round * 1000));
                    Assert.True(table.UpdateTransmit(client, receive, new PacketTimestamp(T0 + new TimeInterval((round * 1000) + 5), TimestampSource.Kernel, TimeInterval.Zero)));
                    Assert.True(table.TryGetPreviousTransmit(client, receive, out var tx));
                    Assert.Equal(TimestampSource.Kernel, tx.Source);
                    var other = ClientAddress.FromIPv4(0x0A000000u + (uint)(((socket + 1) % 4 * 100) + k));
                    table.TryGetPreviousTransmit(other, receive, out _);
                }
            }
        });

        // One entry per response, or one counted eviction: a race between the sockets would lose an
        // entry or a count. Evictions are not always 0: the hash key is random and buckets hold four,
        // so 8000 responses in 32768 buckets put a fifth into some bucket in about one run in five.
        Assert.Equal(400 * 20, table.Count + table.Evictions);
        Assert.InRange(table.Evictions, 0, 4);
    }

    [Fact]
    public void Clients_behind_one_address_keep_their_own_entries()
    {
        // NAT, or a busy client host: the responses to one address are told apart by their receive field.
        var table = new InterleavedClientTable(4096);
        var shared = ClientAddress.FromIPv4(0x7F000001);
        table.Record(shared, new NtpTimestamp(0x1001), Daemon(1));
        for (var i = 0; i < 1000; i++)
        {
            table.Record(shared, new NtpTimestamp(0x2001UL + ((ulong)i << 1)), Daemon(2 + i));
        }

        Assert.True(table.TryGetPreviousTransmit(shared, new NtpTimestamp(0x1001), out var first));
        Assert.Equal(Daemon(1), first);
        Assert.False(table.TryGetPreviousTransmit(ClientAddress.FromIPv4(0x7F000002), new NtpTimestamp(0x1001), out _));
    }

    [Fact]
    public void A_flood_of_new_addresses_stays_within_the_capacity()
    {
        var table = new InterleavedClientTable(1000);
        Assert.Equal(1024, table.Capacity); // rounded up to whole power-of-two buckets
        for (var i = 0; i < 100_000; i++)
        {
            table.Record(ClientAddress.FromIPv4((uint)i * 2654435761u), new NtpTimestamp((ulong)i | 1), Daemon(i));
        }

        Assert.InRange(table.Count, 1000, table.Capacity);
        Assert.True(table.Evictions >= 100_000 - table.Capacity);

        // The newest client is still there; the flood cost older clients their entries, not memory.
        var last = ClientAddress.FromIPv4(unchecked(99_999u * 2654435761u));
        Assert.True(table.TryGetPreviousTransmit(last, new NtpTimestamp(99_999UL | 1), out _));
    }
}
