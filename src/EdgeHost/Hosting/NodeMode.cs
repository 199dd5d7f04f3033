namespace EdgeAi.EdgeHost.Hosting;

/// <summary>How the node reaches its devices.</summary>
public enum NodeMode
{
    /// <summary>Real hardware through the board's GPIO character devices (<c>edgeai run</c>).</summary>
    Run,

    /// <summary>The simulated board (<c>edgeai simulate</c>).</summary>
    Simulate,
}
