namespace EdgeAi.EdgeHost.Hosting;

/// <summary>Files that hold secrets: created with mode 0600 from the first byte, never widened.</summary>
public static class SecretFile
{
    /// <summary>
    /// Writes <paramref name="contents"/> to a new file readable and writable by the owner only. The file is
    /// written beside the target and renamed into place, so a crash never leaves a half-written secret.
    /// </summary>
    public static void WriteNew(string path, string contents) => Replace(path, contents);

    /// <summary>Atomically replaces (or creates) <paramref name="path"/> with <paramref name="contents"/>, mode 0600.</summary>
    public static void Replace(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(path);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.Delete(temporary); // a leftover from a crash; CreateNew below guarantees the mode of what we write
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Options = FileOptions.WriteThrough,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
