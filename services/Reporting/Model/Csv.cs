using System.Globalization;
using System.Text;

namespace Oversight.Reporting.Model;

/// <summary>RFC 4180 CSV: a header row, CRLF line ends, fields quoted only when they must be, numbers unformatted.</summary>
public static class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows) AppendRow(text, row);
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IEnumerable<object?> fields)
    {
        text.AppendJoin(',', fields.Select(Field));
        text.Append("\r\n");
    }

    private static string Field(object? value)
    {
        var raw = value switch
        {
            null => "",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        // A leading = + - @ would make a spreadsheet evaluate the text as a formula (CSV injection); numbers are exempt.
        if (value is string && raw.Length > 0 && raw[0] is '=' or '+' or '-' or '@') raw = "'" + raw;
        return raw.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + raw.Replace("\"", "\"\"") + "\"" : raw;
    }
}
