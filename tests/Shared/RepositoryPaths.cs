namespace TimeActors.Tests.Shared;

/// <summary>
/// Locates the checkout (the folder holding TimeActors.sln) and the shared folder beside it, so tests
/// read fixtures such as ../shared/conformance in place instead of copying them.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TimeActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"TimeActors.sln not found above {AppContext.BaseDirectory}");
    }
}
