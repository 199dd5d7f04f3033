using Microsoft.ML.OnnxRuntime;

namespace EdgeAi.Models.Runtime;

/// <summary>
/// Turns off ONNX Runtime's own usage telemetry. ONNX Runtime 1.31's Linux build carries 1DS telemetry: an uploader,
/// a device id and an event cache under <c>$HOME/.cache/Microsoft/DeveloperTools/.onnxruntime</c>. An edge node and
/// our model service report to their operator, not to a library vendor, so both turn it off before ONNX Runtime's
/// environment exists.
/// </summary>
/// <remarks>
/// <c>ORT_DISABLE_TELEMETRY=1</c> is put into the process environment, the full opt-out that the native library reads
/// with getenv before it starts its uploader. It is set with libc's setenv, because .NET's
/// Environment.SetEnvironmentVariable keeps its own copy on Unix. A value the user set explicitly is kept. Then the
/// runtime switch (<c>DisableTelemetryEvents</c>) is turned off as well.
/// </remarks>
public static class OnnxRuntimeTelemetry
{
    private static readonly Lazy<bool> Off = new(() =>
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = NativeEnvironment.SetEnv("ORT_DISABLE_TELEMETRY", "1", overwrite: 0);
        }

        OrtEnv.Instance().DisableTelemetryEvents();
        return true;
    });

    /// <summary>Turns telemetry off; call before the first ONNX Runtime session (idempotent, thread-safe).</summary>
    public static void TurnOff() => _ = Off.Value;
}
