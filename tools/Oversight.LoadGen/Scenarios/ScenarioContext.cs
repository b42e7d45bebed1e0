using Oversight.LoadGen.Probes;
using Oversight.LoadGen.Target;
using static Oversight.Contracts.Complaints.ComplaintQueries;
using static Oversight.Contracts.Complaints.Complaints;
using static Oversight.Contracts.Reporting.Reporting;

namespace Oversight.LoadGen.Scenarios;

/// <summary>The clients, desks and commit log every scenario works with. <see cref="Commits"/> is swapped per measured run.</summary>
public sealed class ScenarioContext(LoadTarget target, LoadFixture fixture)
{
    public ComplaintsClient Complaints { get; } = new(target.Complaints);
    public ComplaintQueriesClient Queries { get; } = new(target.Complaints);
    public ReportingClient Reporting { get; } = new(target.Reporting);
    public IReadOnlyList<OfficeDesk> Desks => fixture.Desks;
    public TokenSource National => fixture.National;

    /// <summary>Every complaint submitted OK since the start (warm-up included): what reporting must count in the end.</summary>
    public CommitLog AllCommits { get; } = new();

    /// <summary>The complaints of the run being measured.</summary>
    public CommitLog Commits { get; set; } = new();

    public OfficeDesk Desk(long sequence) => Desks[(int)(sequence % Desks.Count)];

    /// <summary>Submits a complete laporan from the desk; it must come back registered.</summary>
    public async Task<(string Id, int Version)> SubmitCompleteAsync(OfficeDesk desk)
    {
        var reply = await Complaints.SubmitComplaintAsync(Laporan.Complete(desk.RegionCode), await desk.Token.HeadersAsync());
        Committed(reply.ComplaintId);
        // Every complete laporan registers: anything else means the path measured is not the full one.
        if (reply.Status != "registered") throw new Engine.UnexpectedAnswerException($"status {reply.Status}");
        return (reply.ComplaintId, 1);
    }

    public void Committed(string complaintId)
    {
        AllCommits.Committed(complaintId);
        Commits.Committed(complaintId);
    }
}
