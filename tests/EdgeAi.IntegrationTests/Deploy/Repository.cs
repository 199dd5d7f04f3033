namespace EdgeAi.IntegrationTests.Deploy;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeAi.sln")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return dir.FullName;
        }
    }

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);
}
