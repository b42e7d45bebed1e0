using System.Globalization;
using Oversight.Contracts.Complaints;

namespace Oversight.Harness;

/// <summary>
/// The one builder of a <see cref="SubmitComplaintRequest"/> for the tests, the benchmark and the load generator: start
/// from <see cref="Laporan"/>, <see cref="Temuan"/> or <see cref="Tip"/> and state only what differs with <c>with</c>
/// (<c>ComplaintSubmission.Laporan("52.71") with { Place = "", Evidence = [] }</c>). A record of values, so a variant never
/// changes what it was made from; it becomes the message through <see cref="Build"/> or an implicit conversion, each time a
/// fresh one. Dates are relative to when the factory was called (the filing window holds whatever the day); the reporter
/// is fictitious.
/// </summary>
public sealed record ComplaintSubmission
{
    public const string ReporterName = "Siti Rahmawati Zulkarnaen";
    public const string ReporterNik = "5271014501900001";
    public const string ReporterPhone = "+62 812 3456 7890";
    public const string ReporterEmail = "siti.rahmawati@example.org";
    public const string AccusedName = "Budi Santoso";
    public const string AccusedNip = "198501012010011001";
    public const string SupervisorName = "Pengawas Kelurahan Ampenan Utara";
    public const string DefaultDescription = "Camat membagikan unggahan kampanye salah satu pasangan calon di grup WhatsApp kantor.";
    public const string DefaultPlace = "Grup WhatsApp kantor kecamatan";

    /// <summary>laporan, temuan or informasi_awal.</summary>
    public string Kind { get; init; } = "";
    public string RegionCode { get; init; } = "";
    /// <summary>Null: no reporter in the message.</summary>
    public SubmissionReporter? Reporter { get; init; }
    /// <summary>Null: no reported person in the message.</summary>
    public SubmissionReported? Reported { get; init; }
    public int ViolationType { get; init; }
    /// <summary>Null: left empty.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
    public string Place { get; init; } = "";
    /// <summary>Null: left empty.</summary>
    public DateTimeOffset? BecameKnownAt { get; init; }
    public string Description { get; init; } = "";
    /// <summary>Copied into each message built, so a built message never shares one with another.</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    public bool SignatureAttested { get; init; }
    public string IdempotencyKey { get; init; } = "";

    /// <summary>The voter reporting in <see cref="Laporan"/>, with a full identity and agreeing to be notified.</summary>
    public static SubmissionReporter Voter { get; } = new()
    {
        Category = "voter",
        Name = ReporterName,
        Nik = ReporterNik,
        Address = "Jl. Pejanggik No. 10, Cakranegara",
        Phone = ReporterPhone,
        Email = ReporterEmail,
        AgreedToNotifications = true,
    };

    /// <summary>The supervisor who writes a <see cref="Temuan"/>.</summary>
    public static SubmissionReporter Supervisor { get; } = new() { Category = "supervisor", Name = SupervisorName };

    /// <summary>The civil servant reported, employed by the complaint's region.</summary>
    public static SubmissionReported Accused { get; } = new()
    {
        Name = AccusedName,
        Nip = AccusedNip,
        Position = "Camat",
        Agency = "Kecamatan Ampenan",
    };

    /// <summary>The one piece of evidence of a complete complaint.</summary>
    public static Evidence Screenshot() => new()
    {
        Url = "https://example.org/bukti/tangkapan-layar-1.png",
        Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        Description = "Tangkapan layar pesan",
    };

    /// <summary>A laporan meeting every formal and material requirement: registered at once (with a tracking code and a PIN).</summary>
    public static ComplaintSubmission Laporan(string regionCode) => new()
    {
        Kind = "laporan",
        RegionCode = regionCode,
        Reporter = Voter,
        Reported = Accused,
        ViolationType = 2,
        OccurredAt = DaysAgo(2),
        Place = DefaultPlace,
        BecameKnownAt = DaysAgo(1),
        Description = DefaultDescription,
        Evidence = [Screenshot()],
        SignatureAttested = true,
    };

    /// <summary>
    /// The same facts filed as a temuan by a supervisor: registered with a TM number and raising the same events, but
    /// without a laporan's tracking code, PIN and reporter's notice, which a test of anything else has nothing to do with.
    /// </summary>
    public static ComplaintSubmission Temuan(string regionCode) =>
        Laporan(regionCode) with { Kind = "temuan", Reporter = Supervisor, SignatureAttested = false };

    /// <summary>An anonymous tip (informasi awal): kind, region and description only; logged, never registered.</summary>
    public static ComplaintSubmission Tip(string regionCode, string description) =>
        new() { Kind = "informasi_awal", RegionCode = regionCode, Description = description };

    /// <summary>This instant the given number of days ago.</summary>
    public static DateTimeOffset DaysAgo(int days) => DateTimeOffset.UtcNow.AddDays(-days);

    /// <summary>An idempotency key no other call uses (so no call is a replay).</summary>
    public static string UniqueKey(string prefix) => prefix + Guid.NewGuid().ToString("N");

    /// <summary>An instant as the API takes it (RFC 3339, in WIB).</summary>
    public static string Rfc3339(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The message, new each call.</summary>
    public SubmitComplaintRequest Build()
    {
        var request = new SubmitComplaintRequest
        {
            Kind = Kind,
            RegionCode = RegionCode,
            Reporter = Reporter?.Build(),
            Reported = Reported?.Build(RegionCode),
            ViolationType = ViolationType,
            OccurredAt = OccurredAt is { } occurred ? Rfc3339(occurred) : "",
            Place = Place,
            BecameKnownAt = BecameKnownAt is { } known ? Rfc3339(known) : "",
            Description = Description,
            SignatureAttested = SignatureAttested,
            IdempotencyKey = IdempotencyKey,
        };
        request.Evidence.AddRange(Evidence.Select(e => e.Clone()));
        return request;
    }

    public static implicit operator SubmitComplaintRequest(ComplaintSubmission submission) => submission.Build();
}

/// <summary>Who reports, as <see cref="ComplaintSubmission"/> sends it.</summary>
public sealed record SubmissionReporter
{
    public string Category { get; init; } = "";
    public string Name { get; init; } = "";
    public string Nik { get; init; } = "";
    public string Address { get; init; } = "";
    public string Phone { get; init; } = "";
    public string Email { get; init; } = "";
    public bool AgreedToNotifications { get; init; }
    public string Language { get; init; } = "";

    public Reporter Build() => new()
    {
        Category = Category,
        Name = Name,
        Nik = Nik,
        Address = Address,
        Phone = Phone,
        Email = Email,
        AgreedToNotifications = AgreedToNotifications,
        Language = Language,
    };
}

/// <summary>The civil servant reported, as <see cref="ComplaintSubmission"/> sends them.</summary>
public sealed record SubmissionReported
{
    public string Name { get; init; } = "";
    public string Nip { get; init; } = "";
    public string Position { get; init; } = "";
    public string Agency { get; init; } = "";
    public string Address { get; init; } = "";
    /// <summary>Null: the complaint's region (sent explicitly).</summary>
    public string? RegionCode { get; init; }

    public ReportedPerson Build(string complaintRegion) => new()
    {
        Name = Name,
        Nip = Nip,
        Position = Position,
        Agency = Agency,
        Address = Address,
        RegionCode = RegionCode ?? complaintRegion,
    };
}
