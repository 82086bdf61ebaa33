using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Server;
using TimeActors.Timing.Tests.Wire;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Server;

public sealed class ResponseBuilderTests
{
    private static readonly SystemTime T0 = new(1_763_700_000_000_000_000);
    private static readonly ClientAddress Alice = ClientAddress.FromBytes([10, 200, 0, 1]);
    private static readonly ClientAddress Bob = ClientAddress.FromBytes([10, 200, 0, 2]);

    private static readonly ServerTrackingState Tracking = new(
        LeapIndicator.DeleteSecond, 3, -22, TimeInterval.FromMilliseconds(4), TimeInterval.FromMilliseconds(6), 0xC0A80001, T0 - TimeInterval.FromSeconds(20));

    private static byte[] Request(ulong transmit, ulong origin = 0, ulong receive = 0, byte version = 4, NtpMode mode = NtpMode.Client)
    {
        var bytes = new byte[48];
        new NtpHeader(LeapIndicator.NoWarning, version, mode, 0, 7, 32, NtpShort.Zero, NtpShort.Zero, 0, NtpTimestamp.Zero, new NtpTimestamp(origin), new NtpTimestamp(receive), new NtpTimestamp(transmit)).WriteTo(bytes);
        return bytes;
    }

    private static PacketTimestamp Rx(double ms) => new(T0 + TimeInterval.FromMilliseconds(ms), TimestampSource.Kernel, TimeInterval.Zero);

    private static (ResponseDecision Decision, NtpHeader Header) Build(ResponseBuilder builder, byte[] request, ClientAddress client, double rxMs, double txMs)
    {
        var response = new byte[48];
        ResponseDecision decision = builder.Build(request, client, Rx(rxMs), Tracking, T0 + TimeInterval.FromMilliseconds(txMs), response);
        return (decision, NtpHeader.ReadFrom(response));
    }

    [Fact]
    public void Basic_response_echoes_the_nonce_and_carries_our_tracking_state()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());

        (ResponseDecision decision, NtpHeader response) = Build(builder, Request(0xABCDEF, version: 3), Alice, 1, 1.2);

        Assert.Equal(new ResponseDecision(ResponseDecisionKind.Respond, 48, false, NtpParseError.None), decision);
        Assert.Equal(
            new NtpHeader(
                LeapIndicator.DeleteSecond, 3, NtpMode.Server, 3, 7, -22,
                NtpShort.FromInterval(TimeInterval.FromMilliseconds(4)), NtpShort.FromInterval(TimeInterval.FromMilliseconds(6)), 0xC0A80001,
                NtpTimestamp.FromSystemTime(T0 - TimeInterval.FromSeconds(20)),
                new NtpTimestamp(0xABCDEF),
                NtpTimestamp.FromSystemTime(Rx(1).Time).WithLowBit(true),
                NtpTimestamp.FromSystemTime(T0 + TimeInterval.FromMilliseconds(1.2)).WithLowBit(false)),
            response);
    }

    [Fact]
    public void Unsynchronised_stratum_16_goes_out_as_0()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());
        var response = new byte[48];

        builder.Build(Request(1), Alice, Rx(0), Tracking with { Leap = LeapIndicator.Unsynchronized, Stratum = 16 }, T0, response);

        Assert.Equal((LeapIndicator.Unsynchronized, (byte)0), (NtpHeader.ReadFrom(response).Leap, NtpHeader.ReadFrom(response).Stratum));
    }

    [Fact]
    public void Receive_field_low_bit_is_set_and_transmit_low_bit_cleared()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());
        for (int i = 0; i < 50; i++)
        {
            (_, NtpHeader response) = Build(builder, Request(0x1234 + (ulong)i), Alice, i * 0.37, (i * 0.37) + 0.011);
            Assert.Equal(1UL, response.Receive.Raw & 1);
            Assert.Equal(0UL, response.Transmit.Raw & 1);
        }
    }

    [Fact]
    public void Interleaved_request_gets_the_best_tx_stamp_of_the_previous_response()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());
        (_, NtpHeader first) = Build(builder, Request(0x1111), Alice, 1, 1.05);
        SystemTime hardwareTx = T0 + TimeInterval.FromMilliseconds(1.1);
        Assert.True(builder.OnTransmitStamp(Alice, first.Receive, new PacketTimestamp(hardwareTx, TimestampSource.Hardware, TimeInterval.Zero)));

        (ResponseDecision decision, NtpHeader second) = Build(builder, Request(0x2222, origin: first.Receive.Raw, receive: 0x3333), Alice, 64_000, 64_000.05);

        Assert.True(decision.Interleaved);
        Assert.Equal(new NtpTimestamp(0x3333), second.Origin);
        Assert.Equal(NtpTimestamp.FromSystemTime(hardwareTx).WithLowBit(false), second.Transmit);
        Assert.Equal(NtpTimestamp.FromSystemTime(Rx(64_000).Time).WithLowBit(true), second.Receive);
    }

    [Fact]
    public void Interleaved_looks_up_by_client_address()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());
        (_, NtpHeader toAlice) = Build(builder, Request(0x1111), Alice, 1, 1.05);

        // Bob presenting Alice's receive field gets a basic answer.
        (ResponseDecision decision, NtpHeader toBob) = Build(builder, Request(0x2222, origin: toAlice.Receive.Raw, receive: 0x3333), Bob, 2, 2.05);

        Assert.False(decision.Interleaved);
        Assert.Equal(new NtpTimestamp(0x2222), toBob.Origin);
    }

    [Fact]
    public void An_origin_naming_an_older_remembered_response_gets_that_response_tx_and_an_even_origin_a_basic_answer()
    {
        // The client missed our second answer and echoes the first one's receive field: its T2 and
        // T3 must come from the same exchange, so it gets the first answer's TX time (as chrony does).
        var builder = new ResponseBuilder(new InterleavedClientTable());
        (_, NtpHeader first) = Build(builder, Request(0x1111), Alice, 1, 1.05);
        (_, NtpHeader second) = Build(builder, Request(0x2222), Alice, 2, 2.05);

        (ResponseDecision older, NtpHeader toOlder) = Build(builder, Request(0x3333, origin: first.Receive.Raw, receive: 0x4444), Alice, 3, 3.05);
        (ResponseDecision evenOrigin, _) = Build(builder, Request(0x5555, origin: first.Receive.Raw & ~1UL, receive: 0x6666), Alice, 4, 4.05);

        Assert.True(older.Interleaved);
        Assert.Equal(first.Transmit, toOlder.Transmit);
        Assert.NotEqual(second.Transmit, toOlder.Transmit);
        Assert.False(evenOrigin.Interleaved);
    }

    [Fact]
    public void Tx_stamp_update_follows_the_better_and_0_to_1_s_later_rule()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());
        (_, NtpHeader first) = Build(builder, Request(0x1111), Alice, 1, 1.0);
        PacketTimestamp At(double ms, TimestampSource source) => new(T0 + TimeInterval.FromMilliseconds(ms), source, TimeInterval.Zero);

        Assert.False(builder.OnTransmitStamp(Alice, first.Receive, At(0.9, TimestampSource.Kernel))); // earlier
        Assert.False(builder.OnTransmitStamp(Alice, first.Receive, At(1001.1, TimestampSource.Kernel))); // over 1 s later
        Assert.False(builder.OnTransmitStamp(Alice, new NtpTimestamp(5), At(1.1, TimestampSource.Kernel))); // another response
        Assert.True(builder.OnTransmitStamp(Alice, first.Receive, At(1.05, TimestampSource.Kernel)));
        Assert.False(builder.OnTransmitStamp(Alice, first.Receive, At(1.06, TimestampSource.Kernel))); // not better
        Assert.True(builder.OnTransmitStamp(Alice, first.Receive, At(1.07, TimestampSource.Hardware)));
        Assert.False(builder.OnTransmitStamp(Bob, first.Receive, At(1.08, TimestampSource.Hardware)));
    }

    [Fact]
    public void Client_table_is_bounded_and_evicts_the_oldest_insertion()
    {
        var table = new InterleavedClientTable(capacity: 2);
        var builder = new ResponseBuilder(table);
        (_, NtpHeader toAlice) = Build(builder, Request(1), Alice, 1, 1.05);
        Build(builder, Request(2), Bob, 2, 2.05);
        ClientAddress carol = ClientAddress.FromBytes([10, 200, 0, 3]);
        Build(builder, Request(3), carol, 3, 3.05);

        Assert.Equal((2, 1L), (table.Count, table.Evictions));
        (ResponseDecision decision, _) = Build(builder, Request(4, origin: toAlice.Receive.Raw, receive: 9), Alice, 4, 4.05);
        Assert.False(decision.Interleaved);
    }

    [Fact]
    public void Client_table_does_not_allocate_in_steady_state()
    {
        var table = new InterleavedClientTable(capacity: 64);
        var stamp = new PacketTimestamp(T0, TimestampSource.Daemon, TimeInterval.Zero);
        for (int i = 0; i < 200; i++)
        {
            table.Record(new ClientAddress((UInt128)i), new NtpTimestamp((ulong)i), stamp);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 200; i < 2200; i++)
        {
            table.Record(new ClientAddress((UInt128)i), new NtpTimestamp((ulong)i), stamp);
            _ = table.TryGetPreviousTransmit(new ClientAddress((UInt128)(i - 1)), new NtpTimestamp((ulong)(i - 1)), out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(64, table.Count);
    }

    [Fact]
    public void Non_client_and_malformed_requests_are_dropped()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());
        var response = new byte[48];

        Assert.Equal(ResponseDecisionKind.DropNotClientRequest, builder.Build(Request(1, mode: NtpMode.Server), Alice, Rx(0), Tracking, T0, response).Kind);
        Assert.Equal(ResponseDecisionKind.DropNotClientRequest, builder.Build(Request(1, mode: NtpMode.SymmetricActive), Alice, Rx(0), Tracking, T0, response).Kind);
        ResponseDecision malformed = builder.Build(new byte[47], Alice, Rx(0), Tracking, T0, response);
        Assert.Equal((ResponseDecisionKind.DropMalformed, NtpParseError.TooShort), (malformed.Kind, malformed.ParseError));
        Assert.Equal(ResponseDecisionKind.DropWouldAmplify, builder.Build(Request(1), Alice, Rx(0), Tracking, T0, new byte[40]).Kind);
    }

    [Fact]
    public void A_response_is_never_larger_than_its_request()
    {
        var builder = new ResponseBuilder(new InterleavedClientTable());
        Prop.ForAll(NtpPacketGenerators.Packet.ToArbitrary(), parts =>
            {
                byte[] request = (parts with { Header = parts.Header with { Mode = NtpMode.Client } }).Serialize();
                var response = new byte[NtpPacket.MaxLength];
                ResponseDecision decision = builder.Build(request, Alice, Rx(0), Tracking, T0, response);
                ResponseDecision kod = ResponseBuilder.BuildKissOfDeath(request, KissCode.Rate, Rx(0), T0, response);
                return decision.ShouldRespond && decision.Length <= request.Length && kod.Length <= request.Length;
            })
            .Check(PropertyConfig.Deterministic(300));
    }

    [Theory]
    [InlineData(KissCode.Rate)]
    [InlineData(KissCode.Deny)]
    [InlineData(KissCode.Restrict)]
    public void Kiss_of_death_packets_carry_the_code_and_match_the_request(uint code)
    {
        var response = new byte[48];

        ResponseDecision decision = ResponseBuilder.BuildKissOfDeath(Request(0xFEED), code, Rx(5), T0 + TimeInterval.FromMilliseconds(5.1), response);
        NtpHeader kod = NtpHeader.ReadFrom(response);

        Assert.Equal(48, decision.Length);
        Assert.Equal((LeapIndicator.Unsynchronized, NtpMode.Server, (byte)0, code), (kod.Leap, kod.Mode, kod.Stratum, kod.ReferenceId));
        Assert.Equal(new NtpTimestamp(0xFEED), kod.Origin);
        Assert.True(KissCode.IsKissOfDeath(kod));
    }

    [Fact]
    public void Client_address_maps_ipv4_into_ipv6_and_prints_back()
    {
        Assert.Equal(ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("10.200.0.1")), Alice);
        Assert.Equal(ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("::ffff:10.200.0.1")), Alice);
        Assert.Equal("10.200.0.1", Alice.ToString());
        Assert.Equal("fd00::1", ClientAddress.FromIPAddress(System.Net.IPAddress.Parse("fd00::1")).ToString());
    }
}
