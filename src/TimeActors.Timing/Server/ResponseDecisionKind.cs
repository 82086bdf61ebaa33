namespace TimeActors.Timing.Server;

/// <summary>What the server does with one request.</summary>
public enum ResponseDecisionKind
{
    /// <summary>Send the response written into the buffer.</summary>
    Respond,

    /// <summary>Not a well-formed NTP packet: drop silently.</summary>
    DropMalformed,

    /// <summary>Not a client (mode 3) request: a server answers only clients.</summary>
    DropNotClientRequest,

    /// <summary>The response would be larger than the request (or the buffer): never amplify.</summary>
    DropWouldAmplify,
}
