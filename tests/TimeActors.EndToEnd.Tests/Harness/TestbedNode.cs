using System.Net;

namespace TimeActors.EndToEnd.Tests.Harness;

/// <summary>
/// One host of the testbed: a network namespace, its veth end (same name as the namespace) and its
/// address in 10.200.0.0/24. Node 0 is 10.200.0.1, node 1 10.200.0.2, and so on.
/// </summary>
public sealed record TestbedNode(int Index, string Namespace, string Interface, IPAddress Address)
{
    public IPEndPoint EndPoint(int port) => new(Address, port);

    public override string ToString() => $"{Namespace} ({Address})";
}
