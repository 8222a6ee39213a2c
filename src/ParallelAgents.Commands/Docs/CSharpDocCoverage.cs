using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ParallelAgents.Commands.Docs;

/// <summary>Public C# types and members and whether they carry an XML doc comment, from Roslyn syntax trees.</summary>
public static class CSharpDocCoverage
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.Parse);

    /// <summary>Every public symbol of one source file.</summary>
    public static IReadOnlyList<PublicSymbol> Symbols(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text, Options).GetRoot();
        var symbols = new List<PublicSymbol>();
        foreach (var member in root.ChildNodes().OfType<MemberDeclarationSyntax>())
        {
            Visit(member, null, interfaceMember: false, symbols);
        }

        return symbols;
    }

    private static void Visit(MemberDeclarationSyntax member, string? container, bool interfaceMember, List<PublicSymbol> symbols)
    {
        switch (member)
        {
            case BaseNamespaceDeclarationSyntax ns:
                foreach (var child in ns.Members)
                {
                    Visit(child, null, false, symbols);
                }

                return;
            case BaseTypeDeclarationSyntax type:
                if (!IsPublic(type.Modifiers, interfaceMember))
                {
                    return;
                }

                var name = container is null ? type.Identifier.Text : $"{container}.{type.Identifier.Text}";
                Add(type, name, symbols);
                if (type is TypeDeclarationSyntax withMembers)
                {
                    var isInterface = type is InterfaceDeclarationSyntax;
                    foreach (var child in withMembers.Members)
                    {
                        Visit(child, name, isInterface, symbols);
                    }
                }
                else if (type is EnumDeclarationSyntax enumeration)
                {
                    foreach (var value in enumeration.Members)
                    {
                        Add(value, $"{name}.{value.Identifier.Text}", symbols);
                    }
                }

                return;
            case DelegateDeclarationSyntax del when IsPublic(del.Modifiers, interfaceMember):
                Add(del, Qualify(container, del.Identifier.Text), symbols);
                return;
            case MethodDeclarationSyntax method when IsPublic(method.Modifiers, interfaceMember) && method.ExplicitInterfaceSpecifier is null:
                Add(method, Qualify(container, method.Identifier.Text), symbols);
                return;
            case ConstructorDeclarationSyntax ctor when IsPublic(ctor.Modifiers, interfaceMember) && !ctor.Modifiers.Any(SyntaxKind.StaticKeyword):
                Add(ctor, Qualify(container, ctor.Identifier.Text), symbols);
                return;
            case PropertyDeclarationSyntax property when IsPublic(property.Modifiers, interfaceMember) && property.ExplicitInterfaceSpecifier is null:
                Add(property, Qualify(container, property.Identifier.Text), symbols);
                return;
            case IndexerDeclarationSyntax indexer when IsPublic(indexer.Modifiers, interfaceMember):
                Add(indexer, Qualify(container, "this[]"), symbols);
                return;
            case EventDeclarationSyntax ev when IsPublic(ev.Modifiers, interfaceMember):
                Add(ev, Qualify(container, ev.Identifier.Text), symbols);
                return;
            case BaseFieldDeclarationSyntax field when IsPublic(field.Modifiers, interfaceMember):
                foreach (var variable in field.Declaration.Variables)
                {
                    Add(field, Qualify(container, variable.Identifier.Text), symbols);
                }

                return;
            case OperatorDeclarationSyntax op when IsPublic(op.Modifiers, interfaceMember):
                Add(op, Qualify(container, "operator " + op.OperatorToken.Text), symbols);
                return;
            case ConversionOperatorDeclarationSyntax conversion when IsPublic(conversion.Modifiers, interfaceMember):
                Add(conversion, Qualify(container, "operator " + conversion.Type), symbols);
                return;
            default:
                return;
        }
    }

    private static string Qualify(string? container, string name) => container is null ? name : $"{container}.{name}";

    private static bool IsPublic(SyntaxTokenList modifiers, bool interfaceMember) =>
        modifiers.Any(SyntaxKind.PublicKeyword)
        || (interfaceMember && !modifiers.Any(SyntaxKind.PrivateKeyword) && !modifiers.Any(SyntaxKind.ProtectedKeyword) && !modifiers.Any(SyntaxKind.InternalKeyword));

    private static void Add(SyntaxNode node, string name, List<PublicSymbol> symbols)
    {
        var documented = node.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia));
        var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        symbols.Add(new PublicSymbol(name, line, documented));
    }
}
