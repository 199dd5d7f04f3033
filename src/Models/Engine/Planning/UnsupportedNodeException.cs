namespace EdgeAi.Models.Engine.Planning;

/// <summary>Thrown while planning a node the engine cannot run; the planner turns it into a <see cref="NativeSupportProblem"/>.</summary>
internal sealed class UnsupportedNodeException : Exception
{
    public UnsupportedNodeException()
    {
    }

    public UnsupportedNodeException(string message)
        : base(message)
    {
    }

    public UnsupportedNodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
