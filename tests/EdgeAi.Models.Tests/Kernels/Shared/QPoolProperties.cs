using CsCheck;
using EdgeAi.Models.Kernels;

namespace EdgeAi.Models.Tests.Kernels;

/// <summary><see cref="QPool"/> against <see cref="QPoolReference"/> on random shapes and values, u8 and s8.</summary>
public static class QPoolProperties
{
    /// <summary>1-D and 2-D windows up to 4 x 4, strides up to 3, dilations up to 2, asymmetric pads below the kernel.</summary>
    public static Gen<QPoolShape> Shapes =>
        from twoD in Gen.Bool
        from channels in Gen.Int[1, 4]
        from kernelHeight in twoD ? Gen.Int[1, 4] : Gen.Const(1)
        from kernelWidth in Gen.Int[1, 4]
        from strideHeight in twoD ? Gen.Int[1, 3] : Gen.Const(1)
        from strideWidth in Gen.Int[1, 3]
        from dilationHeight in twoD ? Gen.Int[1, 2] : Gen.Const(1)
        from dilationWidth in Gen.Int[1, 2]
        from padTop in Gen.Int[0, kernelHeight - 1]
        from padBottom in Gen.Int[0, kernelHeight - 1]
        from padLeft in Gen.Int[0, kernelWidth - 1]
        from padRight in Gen.Int[0, kernelWidth - 1]
        from extraHeight in twoD ? Gen.Int[0, 7] : Gen.Const(0)
        from extraWidth in Gen.Int[0, 11]
        select QPoolShape.Create(
            channels,
            Math.Max(1, (dilationHeight * (kernelHeight - 1)) + 1 - padTop - padBottom) + extraHeight,
            Math.Max(1, (dilationWidth * (kernelWidth - 1)) + 1 - padLeft - padRight) + extraWidth,
            kernelHeight,
            kernelWidth,
            strideHeight,
            strideWidth,
            dilationHeight,
            dilationWidth,
            padTop,
            padLeft,
            padBottom,
            padRight);

    /// <summary>MaxPool u8 and s8 equal the reference.</summary>
    public static void MaxPoolMatchesReference(long iterations, int threads = -1)
    {
        var cases =
            from shape in Shapes
            from batch in Gen.Int[1, 2]
            from input in Gen.Byte.Array[batch * shape.InputSize]
            select (Shape: shape, Batch: batch, Input: input);
        cases.Sample(
            t =>
            {
                var actualU8 = new byte[t.Batch * t.Shape.OutputSize];
                QPool.MaxPool(t.Input, t.Batch, t.Shape, actualU8);
                AssertEqual(QPoolReference.MaxPool(ToInts(t.Input), t.Batch, t.Shape, 0), Array.ConvertAll(actualU8, v => (int)v), "MaxPool u8", t.Shape);

                sbyte[] signedInput = Array.ConvertAll(t.Input, v => unchecked((sbyte)v));
                var actualS8 = new sbyte[t.Batch * t.Shape.OutputSize];
                QPool.MaxPool(signedInput, t.Batch, t.Shape, actualS8);
                AssertEqual(QPoolReference.MaxPool(Array.ConvertAll(signedInput, v => (int)v), t.Batch, t.Shape, -128), Array.ConvertAll(actualS8, v => (int)v), "MaxPool s8", t.Shape);
            },
            iter: iterations,
            threads: threads,
            print: t => $"{t.Shape} batch={t.Batch}");
    }

    /// <summary>AveragePool u8 and s8, count_include_pad 0 and 1, random scales and zero points, equal the reference.</summary>
    public static void AveragePoolMatchesReference(long iterations, int threads = -1)
    {
        var cases =
            from shape in Shapes
            from batch in Gen.Int[1, 2]
            from input in Gen.OneOf(Gen.Byte, Gen.Byte[250, 255]).Array[batch * shape.InputSize]
            from includePad in Gen.Bool
            from inputScale in Gen.Single[0.001f, 1f]
            from outputScale in Gen.Single[0.001f, 1f]
            from inputZero in Gen.Byte
            from outputZero in Gen.Byte
            select (Shape: shape, Batch: batch, Input: input, IncludePad: includePad, InputScale: inputScale, OutputScale: outputScale, InputZero: inputZero, OutputZero: outputZero);
        cases.Sample(
            t =>
            {
                double ratio = (double)t.InputScale / t.OutputScale;
                var actualU8 = new byte[t.Batch * t.Shape.OutputSize];
                QPool.AveragePool(t.Input, t.Batch, t.Shape, t.IncludePad, t.InputScale, t.InputZero, t.OutputScale, t.OutputZero, actualU8);
                int[] expectedU8 = QPoolReference.AveragePool(ToInts(t.Input), t.Batch, t.Shape, t.IncludePad, ratio, t.InputZero, t.OutputZero, 0, 255);
                AssertEqual(expectedU8, Array.ConvertAll(actualU8, v => (int)v), "AveragePool u8", t.Shape);

                sbyte[] signedInput = Array.ConvertAll(t.Input, v => unchecked((sbyte)v));
                sbyte inputZero = unchecked((sbyte)t.InputZero);
                sbyte outputZero = unchecked((sbyte)t.OutputZero);
                var actualS8 = new sbyte[t.Batch * t.Shape.OutputSize];
                QPool.AveragePool(signedInput, t.Batch, t.Shape, t.IncludePad, t.InputScale, inputZero, t.OutputScale, outputZero, actualS8);
                int[] expectedS8 = QPoolReference.AveragePool(Array.ConvertAll(signedInput, v => (int)v), t.Batch, t.Shape, t.IncludePad, ratio, inputZero, outputZero, -128, 127);
                AssertEqual(expectedS8, Array.ConvertAll(actualS8, v => (int)v), "AveragePool s8", t.Shape);
            },
            iter: iterations,
            threads: threads,
            print: t => $"{t.Shape} batch={t.Batch} includePad={t.IncludePad} scales={t.InputScale}/{t.OutputScale} zeros={t.InputZero}/{t.OutputZero}");
    }

    /// <summary>GlobalAveragePool u8 and s8 equal the reference.</summary>
    public static void GlobalAveragePoolMatchesReference(long iterations, int threads = -1)
    {
        var cases =
            from batch in Gen.Int[1, 3]
            from channels in Gen.Int[1, 6]
            from spatial in Gen.OneOf(Gen.Int[1, 10], Gen.Int[40, 300])
            from input in Gen.Byte.Array[batch * channels * spatial]
            from inputScale in Gen.Single[0.001f, 1f]
            from outputScale in Gen.Single[0.001f, 1f]
            from inputZero in Gen.Byte
            from outputZero in Gen.Byte
            select (Batch: batch, Channels: channels, Spatial: spatial, Input: input, InputScale: inputScale, OutputScale: outputScale, InputZero: inputZero, OutputZero: outputZero);
        cases.Sample(
            t =>
            {
                double ratio = (double)t.InputScale / t.OutputScale;
                var actualU8 = new byte[t.Batch * t.Channels];
                QPool.GlobalAveragePool(t.Input, t.Batch, t.Channels, t.Spatial, t.InputScale, t.InputZero, t.OutputScale, t.OutputZero, actualU8);
                int[] expectedU8 = QPoolReference.GlobalAveragePool(ToInts(t.Input), t.Batch, t.Channels, t.Spatial, ratio, t.InputZero, t.OutputZero, 0, 255);
                AssertEqual(expectedU8, Array.ConvertAll(actualU8, v => (int)v), "GlobalAveragePool u8", null);

                sbyte[] signedInput = Array.ConvertAll(t.Input, v => unchecked((sbyte)v));
                sbyte inputZero = unchecked((sbyte)t.InputZero);
                sbyte outputZero = unchecked((sbyte)t.OutputZero);
                var actualS8 = new sbyte[t.Batch * t.Channels];
                QPool.GlobalAveragePool(signedInput, t.Batch, t.Channels, t.Spatial, t.InputScale, inputZero, t.OutputScale, outputZero, actualS8);
                int[] expectedS8 = QPoolReference.GlobalAveragePool(Array.ConvertAll(signedInput, v => (int)v), t.Batch, t.Channels, t.Spatial, ratio, inputZero, outputZero, -128, 127);
                AssertEqual(expectedS8, Array.ConvertAll(actualS8, v => (int)v), "GlobalAveragePool s8", null);
            },
            iter: iterations,
            threads: threads,
            print: t => $"batch={t.Batch} C={t.Channels} spatial={t.Spatial} scales={t.InputScale}/{t.OutputScale} zeros={t.InputZero}/{t.OutputZero}");
    }

    /// <summary>Bytes allocated on this thread by <paramref name="calls"/> rounds of every pool after one warm-up round.</summary>
    public static long AllocatedBytesPerSteadyStateCalls(int calls)
    {
        var shape = QPoolShape.Create(3, 9, 10, 3, 3, 2, 2, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1);
        var input = Enumerable.Range(0, 2 * shape.InputSize).Select(i => (byte)(i * 7)).ToArray();
        var signedInput = Array.ConvertAll(input, v => unchecked((sbyte)v));
        var output = new byte[2 * shape.OutputSize];
        var signedOutput = new sbyte[2 * shape.OutputSize];
        var global = new byte[2 * 3];
        var signedGlobal = new sbyte[2 * 3];

        void Round()
        {
            QPool.MaxPool(input, 2, shape, output);
            QPool.MaxPool(signedInput, 2, shape, signedOutput);
            QPool.AveragePool(input, 2, shape, true, 0.1f, 3, 0.05f, 4, output);
            QPool.AveragePool(signedInput, 2, shape, false, 0.1f, -3, 0.05f, 4, signedOutput);
            QPool.GlobalAveragePool(input, 2, 3, 90, 0.1f, 3, 0.05f, 4, global);
            QPool.GlobalAveragePool(signedInput, 2, 3, 90, 0.1f, -3, 0.05f, 4, signedGlobal);
        }

        Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            Round();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static int[] ToInts(byte[] values) => Array.ConvertAll(values, v => (int)v);

    private static void AssertEqual(int[] expected, int[] actual, string what, QPoolShape? shape)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
            {
                throw new InvalidOperationException($"{what}: element {i} is {actual[i]}, reference {expected[i]}; {shape}");
            }
        }
    }
}
