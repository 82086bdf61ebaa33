using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Server;

/// <summary>
/// Builds server (mode 4) responses and Kiss-o'-Death packets from a request, its RX stamp and our
/// tracking state. Pure and allocation-free: the caller supplies the time for the transmit field and
/// the buffers.
/// </summary>
/// <remarks>
/// Interleaved mode (RFC 9769, as chrony does it): every response's receive field has its lowest
/// bit set and its transmit field its lowest bit cleared. A basic client copies our transmit field
/// into its next origin (low bit 0); an interleaved client copies our receive field (low bit 1). So a
/// request whose origin has the bit set and equals the receive field we last sent to that address
/// is interleaved, and gets the TX stamp of that previous response as its transmit field.
/// </remarks>
public sealed class ResponseBuilder
{
    private readonly InterleavedClientTable _clients;

    public ResponseBuilder(InterleavedClientTable clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
    }

    public InterleavedClientTable Clients => _clients;

    /// <summary>
    /// Writes the response to <paramref name="request"/> into <paramref name="response"/>.
    /// <paramref name="transmitTime"/> is our clock read just before sending (kernel or hardware
    /// stamps for it arrive later through <see cref="OnTransmitStamp"/>).
    /// </summary>
    public ResponseDecision Build(
        ReadOnlySpan<byte> request,
        ClientAddress client,
        PacketTimestamp rx,
        in ServerTrackingState tracking,
        SystemTime transmitTime,
        Span<byte> response)
    {
        if (!TryReadRequest(request, response, out NtpHeader query, out ResponseDecision rejected))
        {
            return rejected;
        }

        NtpTimestamp receiveField = NtpTimestamp.FromSystemTime(rx.Time).WithLowBit(true);
        PacketTimestamp previousTx = default;
        bool interleaved = (query.Origin.Raw & 1) == 1 && _clients.TryGetPreviousTransmit(client, query.Origin, out previousTx);
        if (interleaved)
        {
            // Origin echoes the client's receive-field nonce; transmit is our previous response's best TX stamp.
            WriteResponse(response, query, tracking, query.Receive, receiveField, NtpTimestamp.FromSystemTime(previousTx.Time).WithLowBit(false));
        }
        else
        {
            WriteResponse(response, query, tracking, query.Transmit, receiveField, NtpTimestamp.FromSystemTime(transmitTime).WithLowBit(false));
        }

        _clients.Record(client, receiveField, new PacketTimestamp(transmitTime, TimestampSource.Daemon, TimeInterval.Zero));
        return new ResponseDecision(ResponseDecisionKind.Respond, NtpHeader.Length, interleaved, NtpParseError.None);
    }

    /// <summary>
    /// A kernel or hardware TX stamp of a response we sent, identified by the client and the
    /// response's receive field (from the packet echoed on the error queue).
    /// </summary>
    public bool OnTransmitStamp(ClientAddress client, NtpTimestamp responseReceiveField, PacketTimestamp stamp) =>
        _clients.UpdateTransmit(client, responseReceiveField, stamp);

    /// <summary>
    /// Writes a Kiss-o'-Death answer (RATE, DENY or RSTR): unsynchronised, stratum 0, the code in the
    /// reference ID, and our origin/receive/transmit filled so the client can match it to its request.
    /// </summary>
    public static ResponseDecision BuildKissOfDeath(
        ReadOnlySpan<byte> request,
        uint kissCode,
        PacketTimestamp rx,
        SystemTime transmitTime,
        Span<byte> response)
    {
        if (!TryReadRequest(request, response, out NtpHeader query, out ResponseDecision rejected))
        {
            return rejected;
        }

        var header = new NtpHeader(
            LeapIndicator.Unsynchronized,
            query.Version,
            NtpMode.Server,
            Stratum: 0,
            Poll: query.Poll,
            Precision: 0,
            RootDelay: NtpShort.Zero,
            RootDispersion: NtpShort.Zero,
            ReferenceId: kissCode,
            Reference: NtpTimestamp.Zero,
            Origin: query.Transmit,
            Receive: NtpTimestamp.FromSystemTime(rx.Time).WithLowBit(true),
            Transmit: NtpTimestamp.FromSystemTime(transmitTime).WithLowBit(false));
        header.WriteTo(response);
        return new ResponseDecision(ResponseDecisionKind.Respond, NtpHeader.Length, false, NtpParseError.None);
    }

    private static bool TryReadRequest(ReadOnlySpan<byte> request, Span<byte> response, out NtpHeader query, out ResponseDecision rejected)
    {
        query = default;
        NtpParseError error = NtpPacket.TryParse(request, out NtpPacket packet);
        if (error != NtpParseError.None)
        {
            rejected = new ResponseDecision(ResponseDecisionKind.DropMalformed, 0, false, error);
            return false;
        }

        if (packet.Header.Mode != NtpMode.Client)
        {
            rejected = new ResponseDecision(ResponseDecisionKind.DropNotClientRequest, 0, false, NtpParseError.None);
            return false;
        }

        // Our responses carry no extension fields or MAC, so they are 48 bytes: never more than any
        // parseable request. The check stays so a future extension cannot break the guarantee.
        if (NtpHeader.Length > request.Length || NtpHeader.Length > response.Length)
        {
            rejected = new ResponseDecision(ResponseDecisionKind.DropWouldAmplify, 0, false, NtpParseError.None);
            return false;
        }

        query = packet.Header;
        rejected = default;
        return true;
    }

    private static void WriteResponse(
        Span<byte> response,
        in NtpHeader query,
        in ServerTrackingState tracking,
        NtpTimestamp origin,
        NtpTimestamp receive,
        NtpTimestamp transmit)
    {
        var header = new NtpHeader(
            tracking.Leap,
            query.Version,
            NtpMode.Server,
            tracking.Stratum < 16 ? tracking.Stratum : (byte)0, // 16 (unsynchronised) and above go out as 0
            query.Poll,
            tracking.PrecisionLog2,
            NtpShort.FromInterval(tracking.RootDelay),
            NtpShort.FromInterval(tracking.RootDispersion),
            tracking.ReferenceId,
            tracking.ReferenceTime.UnixNanoseconds == 0 ? NtpTimestamp.Zero : NtpTimestamp.FromSystemTime(tracking.ReferenceTime),
            origin,
            receive,
            transmit);
        header.WriteTo(response);
    }
}
