using System.Text.Json;
using System.Text.Json.Serialization;

namespace FleetUsers.Api.Http;

public static class JsonSettings
{
    /// <summary>camelCase names, nulls written out (the contract shows null fields), enums as text.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
