namespace TimeActors.Service.Server;

/// <summary>From a <see cref="ServerSocketActor"/> to its server actor: the socket's local end is gone (errno), reopen the set.</summary>
public sealed record ServerSocketLost(long Generation, int Errno);
