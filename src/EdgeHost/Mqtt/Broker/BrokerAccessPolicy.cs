namespace EdgeAi.EdgeHost.Mqtt.Broker;

/// <summary>
/// The embedded broker's topic ACL (docs/security.md). The hub may publish only commands to this node
/// (every command topic ends in <c>/set</c>), bridge requests, and Home Assistant's own birth message; it may
/// read <c>&lt;base&gt;/#</c> and <c>&lt;prefix&gt;/#</c>. Only the node may publish its states, availability and
/// discovery. Nobody else may do anything.
/// </summary>
/// <param name="Topics">This node's topic layout.</param>
public sealed record BrokerAccessPolicy(TopicLayout Topics)
{
    private string NodePrefix => $"{Topics.BaseTopic}/{Topics.NodeId}/";

    /// <summary>Whether <paramref name="role"/> may publish to <paramref name="topic"/>.</summary>
    public bool MayPublish(BrokerRole role, string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return role switch
        {
            BrokerRole.Node => topic.StartsWith(NodePrefix, StringComparison.Ordinal)
                || topic.StartsWith(Topics.DiscoveryPrefix + "/", StringComparison.Ordinal),
            BrokerRole.Hub => IsCommandTopic(topic)
                || topic.StartsWith(NodePrefix + "bridge/request/", StringComparison.Ordinal)
                || topic == Topics.HomeAssistantStatus,
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="role"/> may subscribe to <paramref name="filter"/>.</summary>
    public bool MaySubscribe(BrokerRole role, string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (role == BrokerRole.None)
        {
            return false;
        }

        // A filter is readable when everything it can match lies under one of the readable roots.
        return IsWithin(filter, Topics.BaseTopic) || IsWithin(filter, Topics.DiscoveryPrefix);
    }

    /// <summary><c>&lt;base&gt;/&lt;node&gt;/&lt;entity&gt;/set</c> or <c>&lt;base&gt;/&lt;node&gt;/&lt;entity&gt;/&lt;attribute&gt;/set</c>, no wildcards.</summary>
    private bool IsCommandTopic(string topic)
    {
        if (!topic.StartsWith(NodePrefix, StringComparison.Ordinal) || topic.AsSpan().IndexOfAny("#+") >= 0)
        {
            return false;
        }

        var rest = topic[NodePrefix.Length..].Split('/');
        return rest.Length is 2 or 3 && rest[^1] == "set" && rest.All(s => s.Length > 0) && rest[0] != "bridge";
    }

    private static bool IsWithin(string filter, string root)
    {
        var rootSegments = root.Split('/');
        var filterSegments = filter.Split('/');
        if (filterSegments.Length < rootSegments.Length + 1)
        {
            return false;
        }

        for (var i = 0; i < rootSegments.Length; i++)
        {
            if (filterSegments[i] != rootSegments[i])
            {
                return false;
            }
        }

        return true;
    }
}
