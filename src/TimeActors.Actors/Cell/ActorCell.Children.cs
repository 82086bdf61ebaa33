using System.Text.RegularExpressions;

namespace TimeActors.Actors;

/// <summary>Children: creation with unique names, lookup, and stopping.</summary>
internal sealed partial class ActorCell
{
    private static readonly Regex ValidName = new(@"^(?:[-\w:@&=+,.!~*'_;]|%[0-9A-Fa-f]{2})(?:[-\w:@&=+,.!~*'$_;]|%[0-9A-Fa-f]{2})*$", RegexOptions.Compiled);

    private readonly object _childrenGate = new();
    private readonly Dictionary<string, ActorCell> _children = new(StringComparer.Ordinal);
    private readonly Dictionary<ActorCell, ChildRestartStats> _childStats = [];
    private readonly HashSet<ActorCell> _stoppingChildren = [];
    private long _nameCounter;

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (System.IsTerminating)
        {
            throw new ActorSystemTerminatedException(System.Name);
        }

        var childName = string.IsNullOrEmpty(name) ? NextGeneratedName() : CheckName(name);
        var dispatcher = System.Dispatchers.Lookup(props.Dispatcher);
        ActorCell child;
        lock (_childrenGate)
        {
            if (IsStopping)
            {
                throw new InvalidOperationException($"Cannot create child '{childName}': {Self.Path} is stopping");
            }

            if (_children.ContainsKey(childName))
            {
                throw new InvalidActorNameException($"Actor name '{childName}' is not unique under {Self.Path}");
            }

            child = new ActorCell(System, this, Self.Path / childName, props, dispatcher);
            _children.Add(childName, child);
            _childStats.Add(child, new ChildRestartStats());
        }

        child.Start();
        return child.Self;
    }

    public IEnumerable<IActorRef> GetChildren()
    {
        lock (_childrenGate)
        {
            return _children.Values.Select(c => (IActorRef)c.Self).ToArray();
        }
    }

    public IActorRef Child(string name)
    {
        lock (_childrenGate)
        {
            return _children.TryGetValue(name, out var child) ? child.Self : ActorRefs.Nobody;
        }
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not LocalActorRef local)
        {
            return;
        }

        if (ReferenceEquals(local.Cell, this))
        {
            StopSelf();
            return;
        }

        lock (_childrenGate)
        {
            if (_childStats.ContainsKey(local.Cell))
            {
                _stoppingChildren.Add(local.Cell);
            }
        }

        local.Cell.Mailbox.PostSystem(TerminateActor.Instance);
    }

    private void StopSelf() => Mailbox.PostSystem(TerminateActor.Instance);

    private ActorCell[] ChildCells()
    {
        lock (_childrenGate)
        {
            return [.. _children.Values];
        }
    }

    private bool HasChildrenStopping()
    {
        lock (_childrenGate)
        {
            return _stoppingChildren.Count > 0;
        }
    }

    private bool HasChildren()
    {
        lock (_childrenGate)
        {
            return _children.Count > 0;
        }
    }

    private ChildRestartStats? StatsOf(ActorCell child)
    {
        lock (_childrenGate)
        {
            return _childStats.GetValueOrDefault(child);
        }
    }

    private void HandleChildTerminated(ActorCell child)
    {
        lock (_childrenGate)
        {
            if (_children.TryGetValue(child.Self.Path.Name, out var registered) && ReferenceEquals(registered, child))
            {
                _children.Remove(child.Self.Path.Name);
            }

            _childStats.Remove(child);
            _stoppingChildren.Remove(child);
        }

        if (_state == CellState.Terminating && !HasChildren())
        {
            FinishTerminate();
        }
        else if (_state == CellState.Restarting && !HasChildrenStopping())
        {
            FinishRecreate();
        }
    }

    private static string CheckName(string name)
    {
        if (name.StartsWith('$') || !ValidName.IsMatch(name))
        {
            throw new InvalidActorNameException(
                $"Invalid actor name '{name}': use letters, digits and -_:@&=+,.!~*';, not starting with '$'");
        }

        return name;
    }

    /// <summary>Generated names as in Akka.NET: $a, $b, … $z, $ba, …</summary>
    private string NextGeneratedName()
    {
        var n = Interlocked.Increment(ref _nameCounter) - 1;
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = (char)('a' + (n % 26));
            n /= 26;
        }
        while (n > 0);

        buffer[--i] = '$';
        return new string(buffer[i..]);
    }
}
