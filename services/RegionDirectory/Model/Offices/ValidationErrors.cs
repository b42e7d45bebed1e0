namespace Oversight.RegionDirectory.Model.Offices;

/// <summary>Collects "field: rule" messages, so a caller learns every bad field in one answer.</summary>
public sealed class ValidationErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string rule) => _errors.Add($"{field}: {rule}");

    public override string ToString() => string.Join("; ", _errors);
}
