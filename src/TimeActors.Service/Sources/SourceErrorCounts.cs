namespace TimeActors.Service.Sources;

/// <summary>
/// A source's socket trouble since it started: sockets that could not be opened (no route, no
/// address), requests that could not be sent, and errors the socket reported (ICMP unreachable, ...).
/// </summary>
public sealed record SourceErrorCounts(long OpenFailures, long SendFailures, long SocketErrors);
