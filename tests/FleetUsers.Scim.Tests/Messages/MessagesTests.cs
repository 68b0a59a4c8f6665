using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Messages;

public sealed class MessagesTests
{
    [Fact]
    public void ErrorResource_HasTheStatusAsAStringAndTheScimType() =>
        Equal("""
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "400", "scimType": "invalidFilter",
             "detail": "The filter is not valid at position 12: unexpected end of input, expected a space and a value."}
            """, Assert.Throws<ScimException>(() => FleetUsers.Scim.Grammar.ScimParser.ParseFilter("userName eq")).ToErrorResource());

    [Fact]
    public void ErrorResource_WithoutScimType_LeavesItOut() =>
        Equal("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"], "status": "404", "detail": "User 7 not found."}""",
            ScimException.NotFound("User 7 not found.").ToErrorResource());

    [Fact]
    public void ListResponse_CountsThePageAndTheTotal() =>
        Equal("""
            {"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 120, "startIndex": 101, "itemsPerPage": 2,
             "Resources": [{"id": "a"}, {"id": "b"}]}
            """, ScimListResponse.Create([Samples.Parse("""{"id": "a"}"""), Samples.Parse("""{"id": "b"}""")], 120, 101));

    [Theory]
    [InlineData(null, null, 1, 100)]
    [InlineData("1", "100", 1, 100)]
    [InlineData("0", "-5", 1, 0)]
    [InlineData("-3", "5000", 1, 100)]
    [InlineData("201", "50", 201, 50)]
    public void Paging_FollowsRfc7644(string? startIndex, string? count, int expectedStart, int expectedCount) =>
        Assert.Equal(new ScimPaging(expectedStart, expectedCount), ScimPaging.Parse(startIndex, count, maxResults: 100));

    [Theory]
    [InlineData("one", null, "startIndex must be an integer.")]
    [InlineData(null, "1.5", "count must be an integer.")]
    public void Paging_TextThatIsNotAnInteger_IsInvalidValue(string? startIndex, string? count, string detail)
    {
        var error = Assert.Throws<ScimException>(() => ScimPaging.Parse(startIndex, count, 100));

        Assert.Equal((ScimErrorType.InvalidValue, detail), (error.ScimType, error.Detail));
    }

    [Fact]
    public void Meta_HasTheVersionAsAWeakETag_AndUtcTimes() =>
        Equal("""
            {"resourceType": "User", "created": "2026-01-02T03:04:05.123456Z", "lastModified": "2026-01-02T05:00:00.000000Z",
             "location": "https://fleet.example.com/scim/v2/Users/7", "version": "W/\"3\""}
            """, ScimMeta.Create("User", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560),
                new DateTimeOffset(2026, 1, 2, 7, 0, 0, TimeSpan.FromHours(2)), "https://fleet.example.com/scim/v2/Users/7", 3));

    [Theory]
    [InlineData("W/\"3\"", true)]
    [InlineData("\"3\"", true)]
    [InlineData("*", true)]
    [InlineData("W/\"2\", W/\"3\"", true)]
    [InlineData("W/\"2\"", false)]
    [InlineData("3", false)]
    [InlineData("W/\"x\"", false)]
    public void IfMatch_MatchesTheVersion_WeakOrStrong(string header, bool matches) =>
        Assert.Equal(matches, ScimMeta.IfMatch(header, 3));

    [Theory]
    [InlineData("2011-05-13T04:42:34Z", "2011-05-13T04:42:34.000000Z")]
    [InlineData("2011-05-13T06:42:34.5+02:00", "2011-05-13T04:42:34.500000Z")]
    [InlineData("2011-05-13T04:42:34", "2011-05-13T04:42:34.000000Z")]
    public void DateTime_ParsesXsdDateTime_AsAnInstant(string text, string utc)
    {
        Assert.True(ScimDateTime.TryParse(text, out var instant));
        Assert.Equal(utc, ScimDateTime.Format(instant));
    }

    [Theory]
    [InlineData("2011-05-13")]
    [InlineData("13/05/2011 04:42")]
    [InlineData("yesterday")]
    public void DateTime_WithoutADateAndATime_IsNotOne(string text) => Assert.False(ScimDateTime.TryParse(text, out _));
}
