namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// A 2-D pooling window over planes (N·C of them); 1-D pools are planned with height 1. Pads are the begin pads;
/// the output size is fixed at plan time, so windows are clipped to the input.
/// </summary>
internal readonly record struct PoolGeometry(
    int Planes, int InH, int InW, int OutH, int OutW, int KernelH, int KernelW, int StrideH, int StrideW, int PadTop, int PadLeft);
