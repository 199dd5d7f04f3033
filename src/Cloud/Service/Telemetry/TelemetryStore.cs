using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EdgeAi.Cloud.Service.Telemetry;

/// <summary>
/// Stores telemetry in SQLite (WAL), idempotently: a record is identified by (node, stream, key), and a
/// record already stored is counted as a duplicate and left unchanged, so a node may retry a batch after
/// a lost response without creating copies. A batch is one transaction. Thread-safe: each call opens its
/// own pooled connection; SQLite serializes the writers.
/// </summary>
internal sealed class TelemetryStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    public TelemetryStore(string path, TimeProvider time)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _time = time;
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS telemetry (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                node TEXT NOT NULL,
                stream TEXT NOT NULL,
                key TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                timestamp TEXT NOT NULL,
                received_at TEXT NOT NULL,
                payload TEXT NOT NULL,
                UNIQUE (node, stream, key));
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Stores <paramref name="records"/> from <paramref name="node"/> in one transaction.</summary>
    /// <returns>How many were new and how many had been stored before.</returns>
    public async Task<(int Accepted, int Duplicates)> IngestAsync(string node, IReadOnlyList<TelemetryRecord> records, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO telemetry (node, stream, key, sequence, timestamp, received_at, payload)
            VALUES ($node, $stream, $key, $sequence, $timestamp, $received, $payload)
            """;
        var received = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var accepted = 0;
        foreach (var record in records)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$node", node);
            command.Parameters.AddWithValue("$stream", record.Stream);
            command.Parameters.AddWithValue("$key", record.Key);
            command.Parameters.AddWithValue("$sequence", record.Sequence);
            command.Parameters.AddWithValue("$timestamp", record.Timestamp.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$received", received);
            command.Parameters.AddWithValue("$payload", record.Payload);
            accepted += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (accepted, records.Count - accepted);
    }

    /// <summary>Stored records of <paramref name="node"/> (and <paramref name="stream"/> when given) with id above <paramref name="afterId"/>, oldest first.</summary>
    public async Task<List<StoredTelemetryRecord>> QueryAsync(string? node, string? stream, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, node, stream, key, sequence, timestamp, received_at, payload FROM telemetry
            WHERE id > $after AND ($node IS NULL OR node = $node) AND ($stream IS NULL OR stream = $stream)
            ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$node", (object?)node ?? DBNull.Value);
        command.Parameters.AddWithValue("$stream", (object?)stream ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        var result = new List<StoredTelemetryRecord>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = new TelemetryRecord(
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                reader.GetString(7));
            result.Add(new StoredTelemetryRecord(reader.GetInt64(0), reader.GetString(1), record, DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture)));
        }

        return result;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
