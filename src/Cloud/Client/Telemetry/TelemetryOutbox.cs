using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeAi.Cloud.Client.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAi.Cloud.Client.Telemetry;

/// <summary>
/// Store-and-forward queue for readings, events, commands and audit records, in SQLite (WAL) so it survives
/// restarts and outages. Bounded by bytes and age with drop-oldest for <see cref="OutboxRecordKind.Telemetry"/>;
/// <see cref="OutboxRecordKind.Durable"/> records are never dropped. Each record gets a per-stream sequence and
/// an idempotency key that includes a random epoch of this database, so a re-created database never reuses
/// a key the service has already stored. Thread-safe: one connection behind an async lock.
/// </summary>
public sealed class TelemetryOutbox : IDisposable
{
    // Per-row overhead counted with the payload (key, stream, columns), so many tiny records also hit the bound.
    private const int RowOverheadBytes = 64;
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TelemetryOutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _epoch;
    private long _queued;
    private long _sent;
    private long _dropped;

    /// <summary>Opens (creating if needed) the outbox database.</summary>
    public TelemetryOutbox(TelemetryOutboxOptions options, TimeProvider timeProvider, ILogger<TelemetryOutbox>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentException.ThrowIfNullOrEmpty(options.DatabasePath);
        _options = options;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                stream TEXT NOT NULL,
                kind INTEGER NOT NULL,
                sequence INTEGER NOT NULL,
                key TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                timestamp TEXT NOT NULL,
                payload TEXT NOT NULL,
                bytes INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS outbox_stream ON outbox (stream, id);
            CREATE TABLE IF NOT EXISTS streams (stream TEXT PRIMARY KEY, next_sequence INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT OR IGNORE INTO meta (name, value) VALUES ('epoch', lower(hex(randomblob(8))));
            """);
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE name = 'epoch'";
        _epoch = (string)command.ExecuteScalar()!;
    }

    /// <summary>Records accepted by <see cref="EnqueueAsync"/> since this instance opened.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Records the service confirmed (stored or already held) since this instance opened.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Telemetry records dropped by the byte or age bound since this instance opened.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal TelemetryOutboxOptions Options => _options;

    /// <summary>
    /// Queues <paramref name="payloadJson"/> (any JSON value) on <paramref name="stream"/>. Invalid input throws
    /// <see cref="ArgumentException"/> and queues nothing. May drop the oldest telemetry to stay within the bounds.
    /// </summary>
    public async Task EnqueueAsync(string stream, string payloadJson, OutboxRecordKind kind = OutboxRecordKind.Telemetry, CancellationToken cancellationToken = default)
    {
        if (!IsName(stream))
        {
            throw new ArgumentException("the stream must be 1..128 letters, digits, '_', '-', '.'", nameof(stream));
        }

        ArgumentNullException.ThrowIfNull(payloadJson);
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException("the payload is not valid JSON: " + e.Message, nameof(payloadJson), e);
        }

        var now = _time.GetUtcNow();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO streams (stream, next_sequence) VALUES ($stream, 1)
                    ON CONFLICT (stream) DO UPDATE SET next_sequence = next_sequence + 1;
                SELECT next_sequence FROM streams WHERE stream = $stream;
                """;
            command.Parameters.AddWithValue("$stream", stream);
            var sequence = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            command.CommandText = """
                INSERT INTO outbox (stream, kind, sequence, key, created_ms, timestamp, payload, bytes)
                VALUES ($stream, $kind, $sequence, $key, $created, $timestamp, $payload, $bytes)
                """;
            command.Parameters.AddWithValue("$kind", (int)kind);
            command.Parameters.AddWithValue("$sequence", sequence);
            command.Parameters.AddWithValue("$key", string.Create(CultureInfo.InvariantCulture, $"{_epoch}-{sequence}"));
            command.Parameters.AddWithValue("$created", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$timestamp", now.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$payload", payloadJson);
            command.Parameters.AddWithValue("$bytes", Encoding.UTF8.GetByteCount(payloadJson) + RowOverheadBytes);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var dropped = await EnforceBoundsAsync(transaction, now, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _queued);
            Report(dropped);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Records waiting to be sent.</summary>
    public async Task<long> PendingCountAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM outbox";
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    /// <summary>Streams with queued records, after dropping telemetry past its age.</summary>
    internal async Task<IReadOnlyList<string>> StreamsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (var transaction = _connection.BeginTransaction())
            {
                Report(await EnforceBoundsAsync(transaction, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false));
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT stream FROM outbox ORDER BY stream";
            var streams = new List<string>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                streams.Add(reader.GetString(0));
            }

            return streams;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The oldest <paramref name="limit"/> records of <paramref name="stream"/>, in order.</summary>
    internal async Task<IReadOnlyList<OutboxRecord>> PeekAsync(string stream, int limit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT id, stream, key, sequence, timestamp, payload FROM outbox WHERE stream = $stream ORDER BY id LIMIT $limit";
            command.Parameters.AddWithValue("$stream", stream);
            command.Parameters.AddWithValue("$limit", limit);
            var records = new List<OutboxRecord>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(new OutboxRecord(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                    DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture), reader.GetString(5)));
            }

            return records;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Removes records the service confirmed.</summary>
    internal async Task AcknowledgeAsync(IReadOnlyList<OutboxRecord> records, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM outbox WHERE id = $id";
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            foreach (var record in records)
            {
                id.Value = record.Id;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _sent, records.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal static bool IsName(string? name) =>
        name is { Length: > 0 and <= 128 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private async Task<int> EnforceBoundsAsync(SqliteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM outbox WHERE kind = 0 AND created_ms < $cutoff";
        command.Parameters.AddWithValue("$cutoff", (now - _options.MaxAge).ToUnixTimeMilliseconds());
        var dropped = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        command.Parameters.Clear();
        command.CommandText = "SELECT coalesce(sum(bytes), 0) FROM outbox";
        var excess = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! - _options.MaxBytes;
        if (excess <= 0)
        {
            return dropped;
        }

        // Oldest telemetry first, as many rows as it takes to cover the excess; durable rows are never candidates.
        command.CommandText = """
            WITH ordered AS (SELECT id, sum(bytes) OVER (ORDER BY id) AS running, bytes FROM outbox WHERE kind = 0)
            DELETE FROM outbox WHERE id IN (SELECT id FROM ordered WHERE running - bytes < $excess)
            """;
        command.Parameters.AddWithValue("$excess", excess);
        return dropped + await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Report(int dropped)
    {
        if (dropped > 0)
        {
            Interlocked.Add(ref _dropped, dropped);
            ClientLog.OutboxDropped(_logger, dropped);
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
