using Oversight.Contracts.IntegrationEvents;

namespace Oversight.IntegrationTests.Reports;

/// <summary>
/// A scripted campaign: complaints in Kota Mataram (52.71), Kabupaten Berau (64.03), Kota Kendari (74.71) and one
/// in 74.02, each going through its lifecycle as the complaints service would publish it (one event per step,
/// each carrying the snapshot after the step). <see cref="Finals"/> is what the read model must end up showing.
/// </summary>
internal sealed class ComplaintScript
{
    public static readonly DateTimeOffset Past = DateTimeOffset.Parse("2024-10-08T03:00:00Z");
    public static readonly DateTimeOffset Future = DateTimeOffset.UtcNow.AddDays(30);

    private readonly List<ComplaintChange> _events = [];
    private readonly Dictionary<Guid, ComplaintState> _finals = [];

    public IReadOnlyList<ComplaintChange> Events => _events;
    public IReadOnlyDictionary<Guid, ComplaintState> Finals => _finals;

    public static ComplaintScript Campaign()
    {
        var script = new ComplaintScript();
        // Kota Mataram: sanctioned, overdue in review, rejected, an anonymous tip.
        script.Complaint("52.71", "laporan", 2, "Dinas Pendidikan", "2024-09-26T02:00:00Z")
            .Submitted("registered", new("review", "bawaslu", Past)).Review(Past).Decided(48).Recommended("light", Future).Sanctioned("light");
        script.Complaint("52.71", "laporan", 2, "Dinas Pendidikan", "2024-09-26T20:00:00Z")
            .Submitted("registered", new("review", "bawaslu", Past)).Review(Past);
        script.Complaint("52.71", "laporan", 5, "Satpol PP", "2024-10-01T05:00:00Z")
            .Submitted("needs_completion", new("completion", "reporter", Past)).Rejected();
        script.Complaint("52.71", "informasi_awal", 0, "", "2024-10-01T06:00:00Z").Submitted("logged", null);
        // Kabupaten Berau: in review, a finding decided and closed, waiting on the reporter past its deadline.
        script.Complaint("64.03", "laporan", 8, "Dinas Kesehatan", "2024-10-02T01:00:00Z")
            .Submitted("registered", new("review", "bawaslu", Future)).Review(Future);
        script.Complaint("64.03", "temuan", 8, "Dinas Kesehatan", "2024-10-02T03:00:00Z")
            .Submitted("registered", new("review", "bawaslu", Future)).Decided(96, "not_violation").Closed();
        script.Complaint("64.03", "laporan", 3, "", "2024-10-03T03:00:00Z")
            .Submitted("needs_completion", new("completion", "reporter", Past));
        // Kota Kendari: sanctioned and closed, overdue at registration, in time.
        script.Complaint("74.71", "laporan", 2, "Dinas Pendidikan", "2024-10-05T03:00:00Z")
            .Submitted("registered", new("review", "bawaslu", Past)).Review(Past).Decided(24).Recommended("medium", Future).Sanctioned("medium").Closed();
        script.Complaint("74.71", "laporan", 4, "Bappeda", "2024-10-05T04:00:00Z").Submitted("registered", new("review", "bawaslu", Past));
        script.Complaint("74.71", "laporan", 4, "Bappeda", "2024-10-06T04:00:00Z").Submitted("registered", new("review", "bawaslu", Future));
        // One complaint in another regency of Sulawesi Tenggara: a count small enough for open data to hide.
        script.Complaint("74.02", "laporan", 1, "Kecamatan", "2024-10-07T04:00:00Z").Submitted("registered", null);
        return script;
    }

    private Lifecycle Complaint(string region, string kind, int type, string agency, string receivedAt) =>
        new(this, Guid.NewGuid(), new ComplaintState
        {
            Version = 0, Status = "", Kind = kind, RegionCode = region, ViolationType = type, AccusedAgency = agency,
            ReceivedAt = DateTimeOffset.Parse(receivedAt), HandlingRegionCode = region,
        });

    /// <summary>One complaint's steps; each makes the next snapshot and the event that carries it.</summary>
    internal sealed class Lifecycle(ComplaintScript script, Guid id, ComplaintState initial)
    {
        private ComplaintState _state = initial;

        private Lifecycle Step(Func<ComplaintState, ComplaintState> change, Func<ComplaintState, ComplaintChange> evt)
        {
            _state = change(_state) with { Version = _state.Version + 1 };
            script._events.Add(evt(_state));
            script._finals[id] = _state;
            return this;
        }

        public Lifecycle Submitted(string status, OpenDeadline? deadline) => Step(
            s => s with { Status = status, OpenDeadline = deadline, RegistrationNumber = status == "registered" ? $"{s.RegionCode}/LP/2024/{id.ToString()[..4]}" : null },
            s => new ComplaintSubmitted
            {
                ComplaintId = id, RegionCode = s.RegionCode, State = s, ViolationType = s.ViolationType, HandlingOffice = "Bawaslu " + s.RegionCode,
                Kind = s.Kind, Status = s.Status, ReceivedAt = s.ReceivedAt, AccusedAgency = s.AccusedAgency, RegistrationNumber = s.RegistrationNumber,
            });

        public Lifecycle Review(DateTimeOffset due) => Step(
            s => s with { Status = "under_review", OpenDeadline = new("review", "bawaslu", due) },
            s => new ComplaintStatusChanged { ComplaintId = id, RegionCode = s.RegionCode, State = s, Step = "review_started" });

        public Lifecycle Decided(int hoursAfterReceipt, string outcome = "violation") => Step(
            s => s with { Status = "decided", Outcome = outcome, DecidedAt = s.ReceivedAt.AddHours(hoursAfterReceipt), OpenDeadline = null },
            s => new ComplaintDecided { ComplaintId = id, RegionCode = s.RegionCode, State = s, Outcome = outcome, ViolationType = s.ViolationType });

        public Lifecycle Recommended(string level, DateTimeOffset verificationDue) => Step(
            s => s with { Status = "recommended_to_bkn", OpenDeadline = new("verification", "bkn", verificationDue) },
            s => new RecommendationIssued { ComplaintId = id, RegionCode = s.RegionCode, State = s, Reference = "REK/1", ViolationType = s.ViolationType, SanctionLevel = level });

        public Lifecycle Sanctioned(string level) => Step(
            s => s with { Status = "sanction_imposed", SanctionLevel = level, OpenDeadline = null },
            s => new SanctionImposed { ComplaintId = id, RegionCode = s.RegionCode, State = s, SanctionCode = level + ".x", SanctionLevel = level, DecreeReference = "SK/1" });

        public Lifecycle Rejected() => Step(
            s => s with { Status = "rejected" },
            s => new ComplaintRejected { ComplaintId = id, RegionCode = s.RegionCode, State = s, Reason = "not completed in time" });

        public Lifecycle Closed() => Step(
            s => s with { Status = "closed" },
            s => new ComplaintClosed { ComplaintId = id, RegionCode = s.RegionCode, State = s, ClosedFrom = "decided" });
    }

    /// <summary>The final snapshots under a region level ("" = all), computed plainly, not by the service's code.</summary>
    public IEnumerable<ComplaintState> Under(string level) =>
        _finals.Values.Where(s => level == "" || s.RegionCode == level || s.RegionCode.StartsWith(level + ".", StringComparison.Ordinal));
}
