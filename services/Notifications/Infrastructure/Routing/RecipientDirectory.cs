using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Oversight.Contracts.IntegrationEvents;
using Oversight.Contracts.RegionDirectory;
using Oversight.ServiceDefaults.Caching;
using Oversight.Notifications.Model.Routing;

namespace Oversight.Notifications.Infrastructure.Routing;

/// <summary>
/// Asks the region directory who must be told of an event. Its answers are kept (fresh for
/// <see cref="DirectoryClientOptions.FreshFor"/>, dropped on <c>RegionDirectoryChanged</c>), and while the directory is
/// unavailable an answer up to <see cref="DirectoryClientOptions.UsableFor"/> old names the recipients, so offices keep
/// being told through an outage. With nothing usable held the directory being down throws (the consumer is retried by
/// MassTransit); a region it no longer knows gives no e-mail recipients, since retrying cannot help.
/// </summary>
public sealed class RecipientDirectory
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly RegionDirectory.RegionDirectoryClient _directory;
    private readonly DirectoryClientOptions _options;
    private readonly ILogger<RecipientDirectory> _logger;
    private readonly SourceOutage _outage;
    private readonly AnswerCache<(string Region, string Employing), ComplaintRouting> _routes;
    private readonly AnswerCache<string, IReadOnlyList<Office>> _offices;
    // Events of one region consumed side by side (up to 16) ask the directory once (LookupsUnderWay).
    private readonly LookupsUnderWay<(string Region, string Employing)> _routeLookups = new();
    private readonly LookupsUnderWay<string> _officeLookups = new();

    public RecipientDirectory(RegionDirectory.RegionDirectoryClient directory, IOptions<DirectoryClientOptions> options, TimeProvider time, ILogger<RecipientDirectory> logger)
    {
        _directory = directory;
        _options = options.Value;
        _logger = logger;
        _outage = new SourceOutage(time, _options.RecheckAfter);
        _routes = new AnswerCache<(string, string), ComplaintRouting>(_options.MaxEntries, time);
        _offices = new AnswerCache<string, IReadOnlyList<Office>>(_options.MaxEntries, time);
    }

    public async Task<IReadOnlyList<EmailRecipient>> EmailRecipientsAsync(IntegrationEvent evt, CancellationToken cancellationToken)
    {
        try
        {
            return evt switch
            {
                ComplaintSubmitted submitted => RecipientRules.ForComplaintSubmitted(
                    await RouteAsync(submitted.RegionCode, "", cancellationToken),
                    await OfficesAsync(submitted.RegionCode, cancellationToken)),
                RecommendationIssued recommendation => RecipientRules.ForRecommendation(
                    await RouteAsync(recommendation.RegionCode, recommendation.EmployingRegionCode, cancellationToken)),
                DeadlineEvent deadline => RecipientRules.ForDeadline(deadline,
                    await RouteAsync(deadline.RegionCode, "", cancellationToken),
                    deadline is DeadlineMissed && deadline.Owner == "ppk"
                        ? await RouteAsync(RecipientRules.ProvinceOf(deadline.RegionCode), "", cancellationToken)
                        : null),
                _ => [],
            };
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            _logger.LogWarning("No e-mail recipients for {EventType} {EventId}: the directory does not route region {RegionCode} ({Status})",
                evt.GetType().Name, evt.EventId, evt.RegionCode, ex.StatusCode);
            return [];
        }
    }

    /// <summary>The directory's data changed (<c>RegionDirectoryChanged</c>): every kept answer may be wrong now.</summary>
    public void Forget()
    {
        _routes.Clear();
        _offices.Clear();
    }

    private Task<ComplaintRouting> RouteAsync(string regionCode, string employingRegionCode, CancellationToken cancellationToken) =>
        AnswerAsync(_routes, _routeLookups, (regionCode, employingRegionCode), deadline => _directory.RouteComplaintAsync(
            new RouteComplaintRequest { RegionCode = regionCode, EmployingRegionCode = employingRegionCode },
            deadline: deadline, cancellationToken: cancellationToken).ResponseAsync);

    private Task<IReadOnlyList<Office>> OfficesAsync(string regionCode, CancellationToken cancellationToken) =>
        AnswerAsync(_offices, _officeLookups, regionCode, async deadline => (IReadOnlyList<Office>)(await _directory.ListOfficesAsync(
            new ListOfficesRequest { RegionCode = regionCode }, deadline: deadline, cancellationToken: cancellationToken)).Offices);

    /// <summary>A fresh kept answer, else the directory's, else (directory unavailable) a usable kept one, else the failure.</summary>
    private Task<T> AnswerAsync<TKey, T>(AnswerCache<TKey, T> cache, LookupsUnderWay<TKey> lookups, TKey key, Func<DateTime, Task<T>> ask)
        where TKey : notnull =>
        // The wait for another event's look-up is bounded by that look-up's own deadline.
        lookups.GetAsync(key, ([MaybeNullWhen(false)] out T answer) => cache.TryGet(key, _options.FreshFor, out answer, out _),
            () => AskAsync(cache, key, ask), CancellationToken.None);

    private async Task<T> AskAsync<TKey, T>(AnswerCache<TKey, T> cache, TKey key, Func<DateTime, Task<T>> ask) where TKey : notnull
    {
        var held = cache.TryGet(key, _options.UsableFor, out var usable, out var age);
        if (held && _outage.RecentlyFailed) return Older(usable!, age, status: null);
        try
        {
            var answer = await ask(DateTime.UtcNow.Add(held ? _options.WaitWhenCached : Deadline));
            cache.Put(key, answer);
            if (_outage.Answered()) _logger.LogInformation("Region directory answers again: recipients from its answers");
            return answer;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown)
        {
            _outage.Failed();
            if (!held) throw;
            return Older(usable!, age, ex.StatusCode);
        }
    }

    private T Older<T>(T answer, TimeSpan age, StatusCode? status)
    {
        if (_outage.ServingOlderAnswer())
        {
            _logger.LogWarning(
                "Region directory unavailable ({StatusCode}): naming recipients from kept answers up to {UsableFor} old (this one {AgeSeconds:0} s) until it answers again",
                status?.ToString() ?? "recently failed", _options.UsableFor, age.TotalSeconds);
        }
        return answer;
    }
}
