namespace TimeActors.Hocon;

internal enum HoconIncludeKind
{
    Heuristic,
    File,
    Classpath,
    Url,
}
