namespace EdgeAi.EdgeHost.Inference;

/// <summary>
/// The node's on-device model (configuration section <c>Inference</c>): which ONNX file, which sensor readings
/// form its input window, and how often it decides. Without <see cref="Model"/> the node runs no model.
/// </summary>
/// <remarks>
/// The input is a window of the last <see cref="Window"/> samples of each feature, taken every
/// <see cref="Interval"/>, flattened feature-major (feature f, sample t at index f·Window + t, oldest first):
/// the layout of a 1-D convolution's <c>[1, features, window]</c> input and, flattened, of an MLP's
/// <c>[1, features·window]</c>. The model's first output holds one probability per class.
/// </remarks>
public sealed class InferenceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Inference";

    /// <summary>
    /// Model name: the Home Assistant entity id of the decision sensor, the name in the model repository that model
    /// updates come from, and the default cloud model name. <c>[a-z0-9_]</c>, 1 to 64 characters.
    /// </summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The value of <see cref="Model"/> that names the demo house's occupancy model compiled into edgeai.</summary>
    public const string BuiltinModel = "builtin";

    /// <summary>Path of the local ONNX model (or <c>builtin</c>, the demo house's model); empty disables on-device decisions.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>SHA-256 of the model file (64 hex digits): the file is verified before it is loaded.</summary>
    public string Sha256 { get; set; } = string.Empty;

    /// <summary>The version of <see cref="Model"/> (model updates must be newer).</summary>
    public long Version { get; set; } = 1;

    /// <summary><c>auto</c> (native when it supports every operator, else ONNX Runtime), <c>native</c> or <c>onnxruntime</c>.</summary>
    public string Engine { get; set; } = "auto";

    /// <summary>Feature keys from the device manifest: <c>&lt;device&gt;.&lt;channel&gt;</c> or a motion/contact device id.</summary>
    public List<string> Features { get; } = [];

    /// <summary>Samples per feature in the input window.</summary>
    public int Window { get; set; } = 1;

    /// <summary>Time between samples; a decision is made after every sample once the window is full.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Class names, in the order of the model's output; published as the decision sensor's states.</summary>
    public List<string> Labels { get; } = [];

    /// <summary>True when a local model is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Model);
}
