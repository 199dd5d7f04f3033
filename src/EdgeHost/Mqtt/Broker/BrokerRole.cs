namespace EdgeAi.EdgeHost.Mqtt.Broker;

/// <summary>Who a client of the embedded broker is, decided from its credentials at connect.</summary>
public enum BrokerRole
{
    /// <summary>Unknown or not authenticated: may do nothing.</summary>
    None,

    /// <summary>The home hub (Home Assistant's <c>homeassistant</c> user): commands and reads.</summary>
    Hub,

    /// <summary>The node's own client: states, availability, discovery.</summary>
    Node,
}
