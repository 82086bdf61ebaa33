using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Exchange;

/// <summary>
/// RFC 5905 test 5: decides whether a response is authentic (symmetric-key MAC, NTS, ...). Called
/// once per response; a saved response is not checked again on release because NTS accepts only
/// one authenticated response per request.
/// </summary>
public interface IResponseAuthenticator
{
    bool IsAuthentic(in NtpPacket packet);
}
