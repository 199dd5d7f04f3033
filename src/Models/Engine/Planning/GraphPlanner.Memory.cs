using EdgeAi.Models.Engine.Steps;
using EdgeAi.Models.Onnx.Proto;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Planning;

/// <summary>Value definition, step emission with constant folding, and the liveness-based memory plan.</summary>
internal sealed partial class GraphPlanner
{
    /// <summary>
    /// Defines a node output. Graph outputs get their own buffer now; every other value is bound later by
    /// <see cref="BindSharedBuffers"/>, where values whose lifetimes do not overlap share a buffer.
    /// </summary>
    private EngineValue Define(string name, TensorElementType type, int[] shape)
    {
        bool own = _graphOutputs.Contains(name);
        var value = new EngineValue(name, new Tensor(name, type, shape, allocate: own), isConstant: false);
        _values[name] = value;
        _defined.Add(value);
        if (own)
        {
            _intermediateBytes += value.Tensor.Bytes.Length;
        }

        return value;
    }

    /// <summary>
    /// Adds a step that reads <paramref name="reads"/> and writes <paramref name="write"/> (default: the node's inputs
    /// and outputs), or runs it now when everything it reads is constant (constant folding).
    /// </summary>
    private void Emit(NodeProto node, EngineStep step, EngineValue[]? reads = null, EngineValue? write = null)
    {
        reads ??= node.Input.Where(i => i.Length != 0).Select(Value).ToArray();
        EngineValue[] writes = write is not null ? [write] : node.Output.Where(_values.ContainsKey).Select(o => _values[o]).ToArray();
        if (reads.Length > 0 && reads.All(v => v.IsConstant))
        {
            foreach (EngineValue v in writes)
            {
                if (!v.Tensor.HasStorage)
                {
                    v.Tensor.BindStorage(GC.AllocateArray<byte>(v.Tensor.ElementCount * TensorElementTypes.SizeOf(v.Type), pinned: true));
                }

                v.IsConstant = true;
            }

            step.Run();
            return;
        }

        _steps.Add(step);
        _stepReads.Add(reads);
        _stepWrites.Add(writes);
    }

    /// <summary>
    /// The memory plan: walks the steps in order; a value takes the smallest free buffer that fits (or a new one) at the
    /// step that writes it, and gives it back after the last step that reads it. A step's inputs are never its output's
    /// buffer (a value freed at step s is reused from step s + 1 on).
    /// </summary>
    private void BindSharedBuffers()
    {
        var lastUse = new Dictionary<EngineValue, int>();
        for (int s = 0; s < _steps.Count; s++)
        {
            foreach (EngineValue v in _stepWrites[s])
            {
                lastUse[v] = s;
            }

            foreach (EngineValue v in _stepReads[s])
            {
                lastUse[v] = s;
            }
        }

        var free = new List<byte[]>();
        var holders = new Dictionary<EngineValue, byte[]>();
        for (int s = 0; s < _steps.Count; s++)
        {
            foreach (EngineValue v in _stepWrites[s])
            {
                if (v.Tensor.HasStorage)
                {
                    continue;
                }

                int need = v.Tensor.ElementCount * TensorElementTypes.SizeOf(v.Type);
                byte[]? best = null;
                foreach (byte[] b in free)
                {
                    if (b.Length >= need && (best is null || b.Length < best.Length))
                    {
                        best = b;
                    }
                }

                if (best is null)
                {
                    best = GC.AllocateArray<byte>(need, pinned: true);
                    _intermediateBytes += need;
                }
                else
                {
                    free.Remove(best);
                }

                v.Tensor.BindStorage(best);
                holders[v] = best;
            }

            foreach ((EngineValue v, byte[] buffer) in holders.Where(h => lastUse[h.Key] == s).ToList())
            {
                free.Add(buffer);
                holders.Remove(v);
            }
        }

        foreach (EngineValue v in _defined.Where(v => !v.Tensor.HasStorage))
        {
            v.Tensor.BindStorage(GC.AllocateArray<byte>(v.Tensor.ElementCount * TensorElementTypes.SizeOf(v.Type), pinned: true));
        }

        _unsharedBytes = _defined.Sum(v => (long)v.Tensor.ElementCount * TensorElementTypes.SizeOf(v.Type));
    }
}
