using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>Failure, supervision of children, restart and stop.</summary>
internal sealed partial class ActorCell
{
    private Exception? _pendingRestartCause;

    /// <summary>The actor failed: suspend it and let the parent decide. A failing guardian stops.</summary>
    private void HandleInvokeFailure(Exception cause, object? message)
    {
        if (IsStopping)
        {
            System.Log.LogError(cause, "Actor {Actor} failed while stopping: {Reason}", Self.Path, cause.Message);
            return;
        }

        _state = CellState.Failed;
        _failedMessage = message;
        _current = default;
        if (ParentCell is null)
        {
            System.Log.LogError(cause, "Guardian {Actor} failed and stops: {Reason}", Self.Path, cause.Message);
            HandleTerminate();
            return;
        }

        ParentCell.Mailbox.PostSystem(new ChildFailed(this, cause));
    }

    private void HandleChildFailed(ActorCell child, Exception cause)
    {
        var stats = StatsOf(child);
        if (stats is null)
        {
            return; // not (or no longer) our child
        }

        var strategy = Props.SupervisorStrategy ?? _actor?.SupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        var directive = strategy.Decider.Decide(cause);
        strategy.LogFailure(System.Log, child.Self, cause, directive);
        var targets = strategy.AppliesToAllChildren ? ChildCells() : [child];
        switch (directive)
        {
            case Directive.Resume:
                child.Mailbox.PostSystem(ResumeActor.Instance);
                break;
            case Directive.Restart:
                var allowed = stats.RequestRestartPermission(strategy.MaxNumberOfRetries, strategy.WithinTimeRange, System.Scheduler.MonotonicClock);
                foreach (var target in targets)
                {
                    if (allowed)
                    {
                        target.Mailbox.PostSystem(new RecreateActor(cause));
                    }
                    else
                    {
                        Stop(target.Self);
                    }
                }

                if (!allowed)
                {
                    System.Log.LogError("Actor {Actor} exceeded its restart budget ({Retries} within {Window}) and is stopped", child.Self.Path, strategy.MaxNumberOfRetries, strategy.WithinTimeRange);
                }

                break;
            case Directive.Stop:
                foreach (var target in targets)
                {
                    Stop(target.Self);
                }

                break;
            case Directive.Escalate:
                HandleInvokeFailure(cause, _current.Message);
                break;
        }
    }

    private void HandleRecreate(Exception cause)
    {
        if (IsStopping)
        {
            return;
        }

        var failed = _actor;
        if (failed is not null)
        {
            try
            {
                _timers?.CancelAll();
                failed.PreRestart(cause, _failedMessage);
            }
            catch (Exception e)
            {
                System.Log.LogError(e, "PreRestart of {Actor} failed: {Reason}", Self.Path, e.Message);
            }
        }

        // Stashed messages survive the restart: they go back in front of the mailbox.
        UnstashAllInternal();
        _taskGeneration++;
        _failedMessage = null;
        _pendingRestartCause = cause;
        _state = CellState.Restarting;
        if (!HasChildrenStopping())
        {
            FinishRecreate();
        }
    }

    private void FinishRecreate()
    {
        var cause = _pendingRestartCause ?? new InvalidOperationException("restart");
        _pendingRestartCause = null;
        try
        {
            NewInstance();
            _actor!.PostRestart(cause);
        }
        catch (Exception e)
        {
            throw new ActorInitializationException(Self, $"Exception while restarting {Self.Path}: {e.Message}", e);
        }

        _state = CellState.Running;
        System.Metrics.RecordRestart(this);
    }

    /// <summary>Stop: watches dropped, children stopped first; PostStop runs once they all are gone.</summary>
    private void HandleTerminate()
    {
        if (IsStopping)
        {
            return;
        }

        _state = CellState.Terminating;
        UnwatchAll();
        var children = ChildCells();
        foreach (var child in children)
        {
            Stop(child.Self);
        }

        if (children.Length == 0)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        if (_state == CellState.Terminated)
        {
            return;
        }

        if (_actor is not null)
        {
            try
            {
                _timers?.CancelAll();
                _actor.PostStop();
            }
            catch (Exception e)
            {
                System.Log.LogError(e, "PostStop of {Actor} failed: {Reason}", Self.Path, e.Message);
            }
        }

        foreach (var stashed in _stash)
        {
            System.PublishDeadLetter(stashed.Message, stashed.Sender, Self);
        }

        _stash.Clear();
        _actor = null;
        _behaviours.Clear();
        _state = CellState.Terminated;
        Mailbox.Close();
        NotifyWatchers();
        System.Metrics.OnActorStopped(this);
        System.Unregister(this);
        if (ParentCell is not null)
        {
            ParentCell.Mailbox.PostSystem(new ChildTerminated(this));
        }
        else
        {
            System.OnGuardianTerminated(this);
        }
    }
}
