namespace TimeActors.Actors;

/// <summary>Builders for deciders: by exception type (most derived match wins) or from a function.</summary>
public static class Decider
{
    public static IDecider From(Func<Exception, Directive> decide) => new FuncDecider(decide);

    public static IDecider From(Directive defaultDirective, params KeyValuePair<Type, Directive>[] byExceptionType) =>
        new FuncDecider(cause =>
        {
            // The closest exception type in the hierarchy decides, whatever the registration order.
            for (var type = cause.GetType(); type is not null; type = type.BaseType)
            {
                foreach (var (exceptionType, directive) in byExceptionType)
                {
                    if (exceptionType == type)
                    {
                        return directive;
                    }
                }
            }

            return defaultDirective;
        });

    /// <summary><c>Directive.Stop.When&lt;ArgumentException&gt;()</c> for <see cref="From(Directive, KeyValuePair{Type, Directive}[])"/>.</summary>
    public static KeyValuePair<Type, Directive> When<TException>(this Directive directive)
        where TException : Exception =>
        new(typeof(TException), directive);

    private sealed class FuncDecider(Func<Exception, Directive> decide) : IDecider
    {
        public Directive Decide(Exception cause) => decide(cause);
    }
}
