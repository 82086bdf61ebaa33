using System.Collections.Concurrent;
using TimeActors.Actors;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Network;

/// <summary>
/// One fixed acquisition socket of an interface and the sources attached to it: datagrams are
/// routed by their remote address (the exchange's nonce check still guards against spoofing), TX
/// stamps by the TX id each send was given.
/// </summary>
/// <remarks>
/// Sends are serialised by <see cref="SendGate"/>: the kernel numbers stamped datagrams in send order
/// and the socket's id counter must follow it. The TX ring has its own leaf lock so the interface
/// actor (which holds the port's lock while routing) never waits for a sender.
/// </remarks>
internal sealed class SharedClientSocket
{
    // TX stamps come back within milliseconds; one slot per recent send is plenty.
    private const int TxSlots = 256;

    private readonly ConcurrentDictionary<NetworkEndpoint, IActorRef> _attached = new();
    private readonly TxOwner[] _tx = new TxOwner[TxSlots];
    private readonly object _txGate = new();

    public SharedClientSocket(NetworkSocketId id, bool ipv4)
    {
        Id = id;
        IPv4 = ipv4;
    }

    public NetworkSocketId Id { get; }

    public bool IPv4 { get; }

    public NetworkEndpoint Local { get; set; }

    public object SendGate { get; } = new();

    public int AttachedCount => _attached.Count;

    public void Attach(NetworkEndpoint remote, IActorRef owner) => _attached[remote] = owner;

    /// <summary>Only the owner that attached <paramref name="remote"/> detaches it.</summary>
    public void Detach(NetworkEndpoint remote, IActorRef owner) => _attached.TryRemove(KeyValuePair.Create(remote, owner));

    public bool IsAttached(NetworkEndpoint remote, IActorRef owner) => _attached.TryGetValue(remote, out var current) && current.Equals(owner);

    public bool TryRouteDatagram(NetworkEndpoint remote, out IActorRef owner) => _attached.TryGetValue(remote, out owner!);

    public void RecordSend(uint txId, IActorRef owner)
    {
        lock (_txGate)
        {
            _tx[txId % TxSlots] = new TxOwner(true, txId, owner);
        }
    }

    public bool TryRouteTxStamp(uint txId, out IActorRef owner)
    {
        lock (_txGate)
        {
            TxOwner slot = _tx[txId % TxSlots];
            owner = slot.Owner!;
            return slot.Used && slot.TxId == txId;
        }
    }

    /// <summary>
    /// Who an error concerns: the sources whose server has the offender's address (an ICMP error from
    /// that host), else every attached source (a pending socket error, or a router's ICMP error).
    /// Allocates: errors are rare.
    /// </summary>
    public List<IActorRef> OwnersForError(NetworkEndpoint offender)
    {
        var matching = _attached.Where(p => p.Key.Address == offender.Address).Select(p => p.Value).Distinct().ToList();
        return matching.Count > 0 ? matching : [.. _attached.Values.Distinct()];
    }

    /// <summary>Every attached source, for a TX stamp whose send was not recorded yet (the stamp beat the record).</summary>
    public List<IActorRef> AllOwners() => [.. _attached.Values.Distinct()];

    private readonly record struct TxOwner(bool Used, uint TxId, IActorRef? Owner);
}
