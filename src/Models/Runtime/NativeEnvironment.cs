using System.Runtime.InteropServices;

namespace EdgeAi.Models.Runtime;

/// <summary>The C library's environment, which native libraries read (on Unix .NET keeps its own copy).</summary>
internal static partial class NativeEnvironment
{
    /// <summary>setenv(3): 0 on success.</summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnv(string name, string value, int overwrite);
}
