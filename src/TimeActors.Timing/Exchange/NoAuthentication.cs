using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Exchange;

/// <summary>The authenticator for sources configured without keys: every response passes test 5.</summary>
public sealed class NoAuthentication : IResponseAuthenticator
{
    public static readonly NoAuthentication Instance = new();

    private NoAuthentication()
    {
    }

    public bool IsAuthentic(in NtpPacket packet) => true;
}
