using System.Text.Json;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Contracts.PrivateMessages;

/// <summary>
/// The whole region directory as the national centre holds it right after a write (and once at the centre's start):
/// what a regional site's copy of the directory replaces its own with (issue 20, docs/architecture.md, "Regional
/// sites"). The directory is small (about 100 KB) and written rarely, so the whole of it travels rather than a diff:
/// a copy that missed one, or got one twice, is right again with the next.
/// <para>
/// Private: only the directory's copies read it, on its own exchange <see cref="ExchangeName"/>. The tables travel in
/// the directory's own row shape (<see cref="JsonElement"/>), which is the directory's business, not a contract.
/// </para>
/// </summary>
public sealed record DirectorySnapshot
{
    /// <summary>The RabbitMQ exchange (fanout) at the centre, and at each site where the centre's shovel delivers it.</summary>
    public const string ExchangeName = "oversight.private.directory-snapshot";

    public Guid EventId { get; init; } = Guid.NewGuid();

    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Grows with each snapshot the centre takes; a copy applies a snapshot only over an older one of the same <see cref="Origin"/>.</summary>
    public required long Version { get; init; }

    /// <summary>
    /// The centre's directory database, as an identity made with it: versions count within one origin. A copy takes a
    /// snapshot of another origin (the centre's database made again, its versions starting again at 1) whatever its version.
    /// </summary>
    public required Guid Origin { get; init; }

    /// <summary>
    /// The write that caused it, announced again by the copy at its site once applied (so the site's caches drop
    /// their answers after the copy has the new data, not before); null for the snapshot of the centre's start and for
    /// an office client's write, which is no region directory change.
    /// </summary>
    public RegionDirectoryChanged? Change { get; init; }

    /// <summary>The <c>regions</c> rows.</summary>
    public required JsonElement Regions { get; init; }

    /// <summary>The <c>offices</c> rows.</summary>
    public required JsonElement Offices { get; init; }

    /// <summary>The <c>officials</c> rows.</summary>
    public required JsonElement Officials { get; init; }

    /// <summary>
    /// The <c>office_clients</c> rows, secrets as the directory stores them (salted slow hashes, never the secret), so a
    /// site's copy can issue tokens to its province's desks while the link is cut; a copy keeps only its province's.
    /// </summary>
    public required JsonElement Clients { get; init; }

    /// <summary>The public halves of the centre's token signing keys (key id to SubjectPublicKeyInfo), so a copy accepts the centre's tokens.</summary>
    public required IReadOnlyDictionary<string, byte[]> SigningKeys { get; init; }
}
