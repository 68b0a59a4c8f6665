using System.Net;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace FleetUsers.Api.Tests.OpenApi;

/// <summary>
/// Every status code the vendor's documents (Reference/*.yml, copies of the Lytx User and Group
/// API documents) give an operation is in our /openapi/v1.json for the same operation, so a client
/// written against them finds each answer it knows described. Path parameters are compared by
/// place, not name ({groupIdentifier} is our {groupId}). The document does not depend on the
/// store: this runs once, on SQLite.
/// </summary>
public sealed partial class VendorStatusCodeTests(SqliteApp app)
{
    public static TheoryData<string> VendorDocuments() => ["lytx-user-openapi.yml", "lytx-group-openapi.yml"];

    [StoreTheory(Only = "sqlite")]
    [MemberData(nameof(VendorDocuments))]
    public async Task OpenApi_DocumentsEveryStatusTheVendorDocumentsForTheSameOperation(string file)
    {
        var vendor = VendorStatuses(Path.Combine(AppContext.BaseDirectory, "OpenApi", "Reference", file));
        var ours = await OurStatusesAsync();

        var missing = vendor.Except(ours).Order(StringComparer.Ordinal).ToList();

        Assert.True(vendor.Count > 25, $"{file}: only {vendor.Count} statuses read; is the document there?");
        Assert.True(missing.Count == 0, $"{file}: {missing.Count} of {vendor.Count} statuses are missing from /openapi/v1.json:\n{string.Join("\n", missing)}");
    }

    /// <summary>"GET /v1/groups/{} 404" for each response of each operation, under the document's server path.</summary>
    private static HashSet<string> VendorStatuses(string path)
    {
        using var reader = new StreamReader(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var server = new Uri(((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)root["servers"])[0])["url"]).Value!).AbsolutePath.TrimEnd('/');
        var statuses = new HashSet<string>();
        foreach (var (route, item) in (YamlMappingNode)root["paths"])
        {
            foreach (var (method, operation) in (YamlMappingNode)item)
            {
                foreach (var (status, _) in (YamlMappingNode)((YamlMappingNode)operation)["responses"])
                {
                    statuses.Add(Fact(method.ToString(), server + route, status.ToString()));
                }
            }
        }
        return statuses;
    }

    private async Task<HashSet<string>> OurStatusesAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var document = await HttpAssert.ReadObjectAsync(response);
        var statuses = new HashSet<string>();
        foreach (var (route, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, _) in operation!["responses"]?.AsObject() ?? [])
                {
                    statuses.Add(Fact(method, route, status));
                }
            }
        }
        return statuses;
    }

    private static string Fact(string method, string route, string status) =>
        $"{method.ToUpperInvariant()} {PathParameter().Replace(route, "{}")} {status}";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();
}
