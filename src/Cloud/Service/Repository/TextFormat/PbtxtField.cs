namespace EdgeAi.Cloud.Service.Repository.TextFormat;

/// <summary>One field occurrence: exactly one of <see cref="Scalar"/> and <see cref="Message"/> is set.</summary>
/// <param name="Name">Field name.</param>
/// <param name="Scalar">The value when the field is a scalar.</param>
/// <param name="Message">The value when the field is a message.</param>
/// <param name="Line">1-based line of the field name.</param>
internal sealed record PbtxtField(string Name, PbtxtScalar? Scalar, PbtxtMessage? Message, int Line);
