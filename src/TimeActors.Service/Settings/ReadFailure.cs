using TimeActors.Hocon;

namespace TimeActors.Service.Settings;

/// <summary>A key's value is wrong because of one element (of a list): the error points at that element's line.</summary>
internal sealed record ReadFailure(HoconValue At);
