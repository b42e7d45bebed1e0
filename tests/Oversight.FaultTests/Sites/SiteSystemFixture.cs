using Oversight.Testing;

namespace Oversight.FaultTests.Sites;

/// <summary>
/// The test classes that need a whole system with a site and change nothing of its settings, on one AppHost: each
/// start of one (two sites' servers and seven services) costs a minute and a half of the two cores. Each class uses
/// complaints, offices and clients of its own; the steps test stops the site's service and starts it again before it
/// ends. <see cref="SiteLinkCutTests"/> keeps an AppHost of its own: it changes a setting of the link.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<SiteSystemFixture>
{
    public const string Name = "Site";
}

/// <summary>The AppHost with a site for province 52 (and loopback webhooks allowed), every service of both ready.</summary>
public sealed class SiteSystemFixture : IAsyncLifetime
{
    public UnchangedAppHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await UnchangedAppHost.StartAsync(["--site", "52", "--allow-private-webhooks"]);
        foreach (var siteService in new[] { "site-52-region-directory", "site-52-complaints" })
        {
            // The copy is healthy only once it holds a snapshot of the centre's (the one the centre sends at its start).
            await Host.App.ResourceNotifications.WaitForResourceHealthyAsync(siteService).WaitAsync(TimeSpan.FromMinutes(3));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}
