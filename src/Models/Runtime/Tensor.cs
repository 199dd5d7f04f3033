using System.Runtime.InteropServices;

namespace EdgeAi.Models.Runtime;

/// <summary>
/// A dense, row-major tensor with a fixed shape over pinned memory that a runner owns: callers write inputs and
/// read outputs through <see cref="Span{T}"/>, so a run copies and allocates nothing. Not thread-safe.
/// </summary>
public sealed class Tensor
{
    private readonly int[] _shape;
    private readonly int _byteCount;
    private byte[] _storage;

    /// <summary>Allocates a zero-filled tensor on the pinned object heap.</summary>
    /// <exception cref="ArgumentException">A dimension is negative or the tensor would exceed 2 GiB.</exception>
    public Tensor(string name, TensorElementType elementType, ReadOnlySpan<int> shape)
        : this(name, elementType, shape, allocate: true)
    {
    }

    /// <summary>
    /// A tensor whose storage is allocated now (<paramref name="allocate"/>) or bound later with <see cref="BindStorage"/>
    /// (the native engine's memory plan, where values whose lifetimes do not overlap share one buffer).
    /// </summary>
    internal Tensor(string name, TensorElementType elementType, ReadOnlySpan<int> shape, bool allocate)
    {
        ArgumentNullException.ThrowIfNull(name);
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Tensor '{name}': dimension {d} is negative.", nameof(shape));
            }

            count *= d;
            if (count * TensorElementTypes.SizeOf(elementType) > Array.MaxLength)
            {
                throw new ArgumentException($"Tensor '{name}' would exceed {Array.MaxLength} bytes.", nameof(shape));
            }
        }

        Name = name;
        ElementType = elementType;
        _shape = shape.ToArray();
        ElementCount = (int)count;
        _byteCount = ElementCount * TensorElementTypes.SizeOf(elementType);
        _storage = allocate ? GC.AllocateArray<byte>(_byteCount, pinned: true) : [];
    }

    /// <summary>The value name in the model.</summary>
    public string Name { get; }

    /// <summary>Element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Concrete dimensions.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Product of the dimensions.</summary>
    public int ElementCount { get; }

    /// <summary>The raw bytes (little-endian elements).</summary>
    public Span<byte> Bytes => _storage.AsSpan(0, _byteCount);

    /// <summary>
    /// The pinned backing array (for runners that hand the memory to native code). Exactly <see cref="Bytes"/> for
    /// tensors made by the public constructor; a shared buffer bound by <see cref="BindStorage"/> may be longer.
    /// </summary>
    internal byte[] Storage => _storage;

    /// <summary>Whether the tensor has storage (always, except between the internal constructor and <see cref="BindStorage"/>).</summary>
    internal bool HasStorage => _storage.Length >= _byteCount;

    /// <summary>Binds the tensor to a buffer of at least its size, which other tensors may share.</summary>
    /// <exception cref="ArgumentException">The buffer is too small.</exception>
    internal void BindStorage(byte[] storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Length < _byteCount)
        {
            throw new ArgumentException($"Tensor '{Name}' needs {_byteCount} bytes; the buffer holds {storage.Length}.", nameof(storage));
        }

        _storage = storage;
    }

    /// <summary>The elements as <typeparamref name="T"/>, which must match <see cref="ElementType"/> in size and kind.</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the element type.</exception>
    public Span<T> AsSpan<T>()
        where T : unmanaged
    {
        if (!Matches<T>(ElementType))
        {
            throw new InvalidOperationException($"Tensor '{Name}' holds {ElementType}, not {typeof(T).Name}.");
        }

        return MemoryMarshal.Cast<byte, T>(Bytes);
    }

    private static bool Matches<T>(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => typeof(T) == typeof(float),
        TensorElementType.UInt8 or TensorElementType.Bool => typeof(T) == typeof(byte) || typeof(T) == typeof(bool),
        TensorElementType.Int8 => typeof(T) == typeof(sbyte),
        TensorElementType.Int32 => typeof(T) == typeof(int),
        TensorElementType.Int64 => typeof(T) == typeof(long),
        _ => false,
    };
}
