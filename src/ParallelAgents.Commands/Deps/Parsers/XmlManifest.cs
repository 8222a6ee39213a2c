using System.Xml;
using System.Xml.Linq;

namespace ParallelAgents.Commands.Deps.Parsers;

/// <summary>Namespace-agnostic XML reading with line numbers; DTDs are refused.</summary>
internal static class XmlManifest
{
    public static XDocument Load(string text)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    public static IEnumerable<XElement> Children(XElement? element, string localName) =>
        element?.Elements().Where(e => e.Name.LocalName == localName) ?? [];

    public static XElement? Child(XElement? element, string localName) => Children(element, localName).FirstOrDefault();

    public static string? Value(XElement? element, string localName) => Child(element, localName)?.Value.Trim();

    public static int Line(XObject? node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 1;
}
