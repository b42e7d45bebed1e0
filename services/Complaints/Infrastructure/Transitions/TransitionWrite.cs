using Npgsql;
using Oversight.Complaints.Domain.Deadlines;
using Oversight.Complaints.Infrastructure.Audit;
using Oversight.Contracts.IntegrationEvents;

namespace Oversight.Complaints.Infrastructure.Transitions;

/// <summary>What one lifecycle step writes: the new row, the deadlines open before and after it, its audit entry and its events.</summary>
public sealed record TransitionWrite(
    ComplaintRow Row,
    IReadOnlyList<Deadline> DeadlinesBefore,
    IReadOnlyList<Deadline> DeadlinesAfter,
    AuditEntry Audit,
    IReadOnlyList<IntegrationEvent> Events);

/// <summary>What intake or a step may ask of the store inside its transaction.</summary>
public interface ITransitionScope
{
    /// <summary>The next gap-free registration sequence of an office and year (locked until the step commits or rolls back).</summary>
    Task<int> NextRegistrationSequenceAsync(string office, int year);
}

/// <summary>The scope of one transaction of a complaint's write (intake or a step).</summary>
internal sealed class TransitionScope(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) : ITransitionScope
{
    public Task<int> NextRegistrationSequenceAsync(string office, int year) =>
        RegistrationCounter.NextAsync(connection, transaction, office, year, cancellationToken);
}
