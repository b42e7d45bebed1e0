using Dapper;
using Npgsql;

namespace Oversight.Complaints.Infrastructure;

/// <summary>
/// The gap-free registration sequence of an office and year, shared by intake and completion: the caller's transaction
/// increments the counter row (INSERT .. ON CONFLICT DO UPDATE .. RETURNING), which stays locked until commit, so a
/// rolled-back registration burns no number and concurrent registrations of one office queue on the row.
/// </summary>
public static class RegistrationCounter
{
    public static Task<int> NextAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string office, int year, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO registration_counters (office_code, year, last_sequence) VALUES (@office, @year, 1)
            ON CONFLICT (office_code, year) DO UPDATE SET last_sequence = registration_counters.last_sequence + 1
            RETURNING last_sequence
            """, new { office, year }, transaction, cancellationToken: cancellationToken));
}
