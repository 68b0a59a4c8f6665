using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>axe-core's automated accessibility check (WCAG rules), run in the page as it is now.</summary>
public static class Axe
{
    /// <summary>The serious and critical violations on the page, one line each ("" when none).</summary>
    public static async Task<string> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return string.Join("\n", result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {v.Help}, {v.Nodes.Count()} elements: {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Html))}"));
    }
}
