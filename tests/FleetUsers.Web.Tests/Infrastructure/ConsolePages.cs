using Microsoft.Playwright;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>What a person does on the console's pages, as the tests do it.</summary>
public static class ConsolePages
{
    /// <summary>Fills the sign-in form and submits it; does not check the outcome.</summary>
    public static async Task SubmitSignInAsync(IPage page, string username, string password, string path = "/console/signin")
    {
        if (!new Uri(page.Url, UriKind.RelativeOrAbsolute).ToString().Contains("/console/signin", StringComparison.Ordinal))
        {
            await page.GotoAsync(path);
        }
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Submits a sign-in that is refused, and waits until the page shows why (the password field emptied).</summary>
    public static async Task<ILocator> RefusedSignInAsync(IPage page, string username, string password)
    {
        await SubmitSignInAsync(page, username, password);
        await Assertions.Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToBeVisibleAsync();
        return alert;
    }

    /// <summary>The links of the console's navigation, by their text.</summary>
    public static ILocator NavigationLinks(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Console" }).GetByRole(AriaRole.Link);

    /// <summary>Signs in and waits for the console's landing page.</summary>
    public static async Task SignInAsync(IPage page, string username, string password = TestCompany.Password)
    {
        await SubmitSignInAsync(page, username, password);
        // The landing page comes by enhanced navigation (history.pushState): poll the address, not a "load" event.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Welcome, {username}");
    }

    /// <summary>Fills Integrations' new-client form (an API client unless <paramref name="scim"/>) and submits it; does not check the outcome.</summary>
    public static async Task SubmitNewClientAsync(IPage page, string name, string groupLabel, string role, bool scim = false)
    {
        await page.GetByLabel("Name").FillAsync(name);
        if (scim)
        {
            await page.GetByLabel("SCIM provisioning (Entra ID, Okta)").CheckAsync();
        }
        await page.GetByLabel("Group").SelectOptionAsync(new SelectOptionValue { Label = groupLabel });
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = role });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
    }
}
