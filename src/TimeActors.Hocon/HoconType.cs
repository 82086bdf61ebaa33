namespace TimeActors.Hocon;

/// <summary>The JSON types a resolved HOCON value can have.</summary>
public enum HoconType
{
    /// <summary>A substitution, concatenation or merge that has not been resolved yet.</summary>
    Unresolved,
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
