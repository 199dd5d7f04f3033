using System.Runtime.CompilerServices;
using EdgeAi.Models.Runtime;

namespace EdgeAi.Models.Engine.Steps;

/// <summary>
/// Float Add or Mul with numpy (multidirectional) broadcasting. The output is walked row by row over its last
/// dimension; each operand has a stride per output dimension (0 where it is broadcast), fixed at plan time.
/// </summary>
internal sealed class BroadcastBinaryStep : EngineStep
{
    private readonly Tensor _a;
    private readonly Tensor _b;
    private readonly Tensor _y;
    private readonly BinaryOperator _op;
    private readonly int[] _shape;
    private readonly int[] _aStrides;
    private readonly int[] _bStrides;
    private readonly int[] _counter;

    public BroadcastBinaryStep(Tensor a, Tensor b, Tensor y, BinaryOperator op)
    {
        _a = a;
        _b = b;
        _y = y;
        _op = op;
        _shape = y.Shape.Length == 0 ? [1] : y.Shape.ToArray();
        _aStrides = Strides(a.Shape, _shape);
        _bStrides = Strides(b.Shape, _shape);
        _counter = new int[_shape.Length];
    }

    /// <summary>The broadcast shape of two shapes (ONNX "Broadcasting in ONNX"), or null when they do not broadcast.</summary>
    public static int[]? BroadcastShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                return null;
            }

            shape[i] = da == 1 ? db : da;
        }

        return shape;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Run()
    {
        ReadOnlySpan<float> a = _a.AsSpan<float>();
        ReadOnlySpan<float> b = _b.AsSpan<float>();
        Span<float> y = _y.AsSpan<float>();
        int rank = _shape.Length;
        int inner = _shape[rank - 1];
        int sa = _aStrides[rank - 1];
        int sb = _bStrides[rank - 1];
        int outer = inner == 0 ? 0 : y.Length / inner;
        Array.Clear(_counter);
        for (int o = 0; o < outer; o++)
        {
            int ao = 0;
            int bo = 0;
            for (int d = 0; d < rank - 1; d++)
            {
                ao += _counter[d] * _aStrides[d];
                bo += _counter[d] * _bStrides[d];
            }

            Span<float> row = y.Slice(o * inner, inner);
            if (_op == BinaryOperator.Add)
            {
                for (int i = 0; i < inner; i++)
                {
                    row[i] = a[ao + (i * sa)] + b[bo + (i * sb)];
                }
            }
            else
            {
                for (int i = 0; i < inner; i++)
                {
                    row[i] = a[ao + (i * sa)] * b[bo + (i * sb)];
                }
            }

            for (int d = rank - 2; d >= 0; d--)
            {
                if (++_counter[d] < _shape[d])
                {
                    break;
                }

                _counter[d] = 0;
            }
        }
    }

    private static int[] Strides(ReadOnlySpan<int> operand, int[] output)
    {
        var strides = new int[output.Length];
        int stride = 1;
        for (int i = operand.Length - 1; i >= 0; i--)
        {
            int o = output.Length - operand.Length + i;
            strides[o] = operand[i] == 1 ? 0 : stride;
            stride *= operand[i];
        }

        return strides;
    }
}
