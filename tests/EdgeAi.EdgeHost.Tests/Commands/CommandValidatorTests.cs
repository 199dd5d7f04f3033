using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using EdgeAi.EdgeHost.Commands;

namespace EdgeAi.EdgeHost.Tests.Commands;

public sealed partial class CommandValidatorTests
{
    private static readonly CommandSchema OnOff = CommandSchema.Word("ON", "OFF");
    private static readonly CommandSchema Brightness = CommandSchema.Number(0, 100, wholeNumbers: true, unit: "%");
    private static readonly CommandSchema Setpoint = CommandSchema.Number(5, 30, unit: "°C");
    private static readonly CommandSchema LockCommand = CommandSchema.JsonObject(
        new Dictionary<string, CommandSchema>
        {
            ["action"] = CommandSchema.Word("LOCK", "UNLOCK"),
            ["code"] = CommandSchema.Text(Code(), "4 to 8 digits"),
        },
        "action");

    [Theory]
    [InlineData("ON")]
    [InlineData("OFF")]
    public void Word_Allowed_Accepted(string payload)
    {
        Assert.True(Validate(payload, OnOff, out var value, out _));
        Assert.Equal(payload, value!.Text);
    }

    [Theory]
    [InlineData("on")]
    [InlineData(" ON")]
    [InlineData("ON\n")]
    [InlineData("")]
    [InlineData("\"ON\"")]
    public void Word_AnythingElse_RejectedWithAllowedWords(string payload)
    {
        Assert.False(Validate(payload, OnOff, out _, out var reason));
        Assert.Contains("'ON', 'OFF'", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("100", 100)]
    [InlineData("42", 42)]
    [InlineData("4.2e1", 42)]
    public void Number_InRange_Accepted(string payload, double expected)
    {
        Assert.True(Validate(payload, Brightness, out var value, out _));
        Assert.Equal(expected, value!.Number);
    }

    [Theory]
    [InlineData("101", "out of range")]
    [InlineData("-1", "out of range")]
    [InlineData("42.5", "whole number")]
    [InlineData("NaN", "number")]
    [InlineData("Infinity", "number")]
    [InlineData("1e400", "finite")]
    [InlineData("0x10", "number")]
    [InlineData("50%", "number")]
    [InlineData("", "number")]
    public void Number_Invalid_RejectedWithReason(string payload, string expected)
    {
        Assert.False(Validate(payload, Brightness, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_OutOfRange_ReasonCarriesLimitsAndUnit()
    {
        Assert.False(Validate("35", Setpoint, out _, out var reason));
        Assert.Equal("value is out of range: allowed from 5 to 30 °C", reason);
    }

    [Fact]
    public void Object_Valid_FieldsReturned()
    {
        Assert.True(Validate("""{"action":"UNLOCK","code":"1234"}""", LockCommand, out var value, out _));
        Assert.Equal("UNLOCK", value!["action"]!.Text);
        Assert.Equal("1234", value["code"]!.Text);
    }

    [Fact]
    public void Object_OptionalFieldAbsent_IsNull()
    {
        Assert.True(Validate("""{"action":"LOCK"}""", LockCommand, out var value, out _));
        Assert.Null(value!["code"]);
    }

    [Theory]
    [InlineData("""{"action":"UNLOCK","code":"12a4"}""", "4 to 8 digits")]
    [InlineData("""{"action":"UNLOCK","code":1234}""", "wrong type")]
    [InlineData("""{"code":"1234"}""", "'action' is required")]
    [InlineData("""{"action":"UNLOCK","pin":"1234"}""", "unknown field")]
    [InlineData("""{"action":"LOCK","action":"UNLOCK"}""", "appears twice")]
    [InlineData("""{"action":{"nested":"LOCK"}}""", "wrong type")]
    [InlineData("""{"action":"LOCK"} {}""", "JSON")]
    [InlineData("""[{"action":"LOCK"}]""", "JSON object")]
    [InlineData("""{"action":"LOCK",}""", "JSON")]
    [InlineData("LOCK", "JSON")]
    public void Object_Invalid_RejectedWithReason(string payload, string expected)
    {
        Assert.False(Validate(payload, LockCommand, out _, out var reason));
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_NeverEchoesTheCode()
    {
        Assert.False(Validate("""{"action":"UNLOCK","code":"98765x"}""", LockCommand, out _, out var reason));
        Assert.DoesNotContain("98765", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_InvalidUtf8_Rejected()
    {
        Assert.False(CommandValidator.TryValidate(new byte[] { 0x4F, 0xC3, 0x28 }, OnOff, out _, out var reason));
        Assert.Contains("UTF-8", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Payload_TooLarge_RejectedUnread()
    {
        var huge = Encoding.UTF8.GetBytes(new string('1', CommandValidator.MaxPayloadBytes + 1));

        Assert.False(CommandValidator.TryValidate(huge, Brightness, out _, out var reason));
        Assert.Contains("at most 1024", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyBytes_NeverThrow_AndAcceptedValuesAreInSchema()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            foreach (var schema in new[] { OnOff, Brightness, Setpoint, LockCommand })
            {
                if (CommandValidator.TryValidate(bytes, schema, out var value, out var reason))
                {
                    Assert.NotNull(value);
                    if (schema == Brightness)
                    {
                        Assert.InRange(value.Number, 0, 100);
                    }
                }
                else
                {
                    Assert.False(string.IsNullOrEmpty(reason));
                }
            }
        }, iter: 2000);
    }

    private static bool Validate(string payload, CommandSchema schema, out CommandValue? value, out string? reason) =>
        CommandValidator.TryValidate(Encoding.UTF8.GetBytes(payload), schema, out value, out reason);

    [GeneratedRegex(@"^\d{4,8}$")]
    private static partial Regex Code();
}
