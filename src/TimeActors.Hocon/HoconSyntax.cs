namespace TimeActors.Hocon;

/// <summary>The format of a document; included files take it from their extension.</summary>
public enum HoconSyntax
{
    Conf,
    Json,
    Properties,
}
