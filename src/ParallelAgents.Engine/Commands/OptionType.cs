namespace ParallelAgents.Engine.Commands;

/// <summary>JSON type an option accepts.</summary>
public enum OptionType
{
    Integer,
    Number,
    Boolean,
    String,
    StringList,
    Object,
}
