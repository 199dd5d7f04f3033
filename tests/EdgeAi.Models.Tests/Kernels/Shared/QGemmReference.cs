namespace EdgeAi.Models.Tests.Kernels;

/// <summary>The definition, written as plainly as possible: C[m, n] = Σk (A[m, k] - za) · (B[k, n] - zb[n]) in int32.</summary>
public static class QGemmReference
{
    public static int[] Multiply(QGemmCase c)
    {
        var result = new int[c.M * c.N];
        for (int m = 0; m < c.M; m++)
        {
            for (int n = 0; n < c.N; n++)
            {
                int zb = c.BZeroPoints.Length == 1 ? c.BZeroPoints[0] : c.BZeroPoints[n];
                int sum = 0;
                for (int k = 0; k < c.K; k++)
                {
                    sum = unchecked(sum + ((c.A[(m * c.K) + k] - c.AZeroPoint) * (c.B[(k * c.N) + n] - zb)));
                }

                result[(m * c.N) + n] = sum;
            }
        }

        return result;
    }
}
