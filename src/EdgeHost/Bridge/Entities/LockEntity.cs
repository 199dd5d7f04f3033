using System.Globalization;
using System.Text.RegularExpressions;
using EdgeAi.Devices.Locks;
using EdgeAi.EdgeHost.Commands;
using EdgeAi.EdgeHost.HomeAssistant;
using EdgeAi.EdgeHost.Locks;
using EdgeAi.EdgeHost.Mqtt;

namespace EdgeAi.EdgeHost.Bridge.Entities;

/// <summary>
/// A door lock. Commands are JSON on <c>.../set</c>, <c>{"action": "LOCK"|"UNLOCK", "code": "..."}</c>, which is
/// what the discovery's <c>command_template</c> makes Home Assistant send. Locking needs no code; unlocking needs
/// this lock's code, checked by <see cref="LockCodeVerifier"/> (format, lockout, constant-time hash comparison)
/// before the drive is touched. Every attempt goes to the audit log. There is no latch release, so no
/// <c>payload_open</c>. The door contact is a separate door binary sensor on <c>.../door</c>.
/// </summary>
public sealed partial class LockEntity : IBridgeEntity
{
    private readonly LockController _lock;
    private readonly LockCodeVerifier _verifier;
    private readonly LockAuditLog _audit;
    private readonly string _name;
    private readonly bool _hasDoorContact;

    /// <summary>Wraps <paramref name="controller"/>.</summary>
    public LockEntity(string id, string name, LockController controller, bool hasDoorContact, LockCodeVerifier verifier, LockAuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(controller);
        Id = id;
        _name = name;
        _lock = controller;
        _hasDoorContact = hasDoorContact;
        _verifier = verifier;
        _audit = audit;
        Commands = [new EntityCommand(null, CommandSchema.JsonObject(
            new Dictionary<string, CommandSchema>
            {
                ["action"] = CommandSchema.Word("LOCK", "UNLOCK"),
                // Any short string: its format is the verifier's to judge, so malformed codes are audited too.
                ["code"] = CommandSchema.Text(ShortText(), "a code of at most 32 characters"),
            },
            "action"))];
        _lock.StateChanged += _ => StateChanged?.Invoke(this);
    }

    /// <inheritdoc />
    public event Action<IBridgeEntity>? StateChanged;

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public IReadOnlyList<EntityCommand> Commands { get; }

    /// <inheritdoc />
    public IReadOnlyList<DiscoveryConfig> Discovery(TopicLayout topics, NodeDevice device)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var configs = new List<DiscoveryConfig>
        {
            DiscoveryDocument.Config("lock", topics, device, Id, _name, json =>
            {
                json.WriteString("command_topic", topics.Command(Id));
                json.WriteString("state_topic", topics.State(Id));
                json.WriteString("command_template", """{"action":"{{ value }}","code":"{{ code }}"}""");
                json.WriteString("code_format", LockCodeFormat.Pattern);
                json.WriteString("payload_lock", "LOCK");
                json.WriteString("payload_unlock", "UNLOCK");
                json.WriteBoolean("optimistic", false);
                json.WriteBoolean("retain", false);
            }),
        };
        if (_hasDoorContact)
        {
            configs.Add(DiscoveryDocument.Config("binary_sensor", topics, device, $"{Id}_door", $"{_name} door", json =>
            {
                json.WriteString("state_topic", topics.State(Id, "door"));
                json.WriteString("device_class", "door");
            }));
        }

        return configs;
    }

    /// <inheritdoc />
    public IReadOnlyList<EntityState> CurrentStates()
    {
        var snapshot = _lock.State;
        var state = new EntityState(null, snapshot.State.ToString().ToUpperInvariant());
        return _hasDoorContact ? [state, new("door", snapshot.DoorOpen ? "ON" : "OFF")] : [state];
    }

    /// <inheritdoc />
    public CommandResult Execute(EntityCommand command, CommandValue value, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(context);
        var action = value["action"]!.Text!;
        if (action == "LOCK")
        {
            return Act(action, context, () => _lock.Lock());
        }

        var verdict = _verifier.Verify(Id, value["code"]?.Text);
        if (verdict != LockCodeVerdict.Accepted)
        {
            _audit.Append(context.ReceivedAt, Id, action, context.Source, Snake(verdict.ToString()));
            return CommandResult.Rejected(verdict switch
            {
                LockCodeVerdict.NoCodeConfigured => $"no code is set for this lock, so it cannot be unlocked over MQTT; set one with 'edgeai lock set-code {Id}'",
                LockCodeVerdict.Malformed => "unlocking needs a code of 4 to 8 digits",
                LockCodeVerdict.LockedOut => $"too many wrong codes: every code is refused until {_verifier.LockedUntil(Id)?.ToString("u", CultureInfo.InvariantCulture)}",
                _ => "wrong code",
            }, verdict == LockCodeVerdict.LockedOut ? CommandRejection.Lockout : CommandRejection.Code);
        }

        return Act(action, context, () => _lock.Unlock());
    }

    private CommandResult Act(string action, CommandContext context, Action move)
    {
        try
        {
            move();
            _audit.Append(context.ReceivedAt, Id, action, context.Source, "accepted");
            return CommandResult.Ok;
        }
        catch (InvalidOperationException ex)
        {
            _audit.Append(context.ReceivedAt, Id, action, context.Source, "refused_by_lock");
            return CommandResult.Rejected(ex.Message);
        }
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    [GeneratedRegex(@"^[\s\S]{0,32}$")]
    private static partial Regex ShortText();
}
