namespace EdgeAi.Models.Kernels;

/// <summary>The output-size rule shared by convolution and pooling shapes.</summary>
internal static class ConvGeometry
{
    /// <summary>
    /// ONNX Conv / MaxPool / AveragePool with ceil_mode = 0:
    /// floor((input + padBegin + padEnd - dilation · (kernel - 1) - 1) / stride) + 1, in 64-bit so huge pads cannot wrap.
    /// </summary>
    public static long OutputSize(int input, int kernel, int stride, int dilation, int padBegin, int padEnd)
    {
        long span = (long)input + padBegin + padEnd - ((long)dilation * (kernel - 1)) - 1;
        return span < 0 ? 0 : (span / stride) + 1;
    }

    /// <summary>Throws when any of the common geometry rules is broken; <paramref name="axis"/> names the dimension.</summary>
    public static void ValidateAxis(string axis, int input, int kernel, int stride, int dilation, int padBegin, int padEnd)
    {
        if (input < 1)
        {
            throw new ArgumentException($"{axis}: the input size is {input}; it must be at least 1.");
        }

        if (kernel < 1)
        {
            throw new ArgumentException($"{axis}: the kernel size is {kernel}; it must be at least 1.");
        }

        if (stride < 1)
        {
            throw new ArgumentException($"{axis}: the stride is {stride}; it must be at least 1.");
        }

        if (dilation < 1)
        {
            throw new ArgumentException($"{axis}: the dilation is {dilation}; it must be at least 1.");
        }

        if (padBegin < 0 || padEnd < 0)
        {
            throw new ArgumentException($"{axis}: the pads are ({padBegin}, {padEnd}); pads must not be negative.");
        }

        long output = OutputSize(input, kernel, stride, dilation, padBegin, padEnd);
        if (output < 1)
        {
            throw new ArgumentException(
                $"{axis}: input {input} + pads ({padBegin}, {padEnd}) is smaller than the dilated kernel {((long)dilation * (kernel - 1)) + 1}, so the output would be empty.");
        }

        if (output > int.MaxValue)
        {
            throw new ArgumentException($"{axis}: the output size {output} does not fit in an int.");
        }
    }
}
