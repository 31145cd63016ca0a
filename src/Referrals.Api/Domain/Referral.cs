namespace Referrals.Api.Domain;


/// <summary>
/// A referral as its referrer sent it: the form that passed validation and the rubric's assessment of it, each with the
/// JSON the API wrote for it (kept word for word, so the copy a partner reads back is exactly what it sent), who sent it,
/// by which channel, for which agency.
/// </summary>
public sealed record Submission(
    ReferralForm Form, string FormJson, QualityRubric.Assessment Quality, string QualityJson,
    string AgencyCode, Channel Channel, Actor Submitter, string ReferrerName);

/// <summary>
/// A referral received by the front door: one submission from one agency about one or more
/// children, each child a contact. Status changes only through these methods.
/// </summary>
public sealed class Referral
{
    private readonly List<Contact> _contacts = [];
    private readonly List<ReferralConcern> _concerns = [];
    private readonly List<ReferralTransition> _transitions = [];
    private readonly List<InformationRequest> _informationRequests = [];
    private readonly List<RagRatingEntry> _ragRatings = [];
    private readonly List<AgencyCheck> _checks = [];
    private readonly List<ChildDecision> _decisions = [];
    private readonly List<FeedbackEvent> _feedbackEvents = [];

    private Referral() { }

    public Guid Id { get; private set; }
    /// <summary>Human-readable, e.g. REF-2026-000123; given to the referrer on acknowledgement.</summary>
    public string Reference { get; private set; } = "";
    public string AgencyCode { get; private set; } = "";
    public Channel Channel { get; private set; }
    public ReferralStatus Status { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset DecisionDueAt { get; private set; }
    public string SubmittedByUserId { get; private set; } = "";
    public string SubmittedByName { get; private set; } = "";
    public string SubmittedByRole { get; private set; } = "";
    public string ReferrerName { get; private set; } = "";
    /// <summary>The referrer's view, 1 to 4, or LevelsOfNeed.NotKnown.</summary>
    public int LevelOfNeed { get; private set; }
    public RiskLevel Risk { get; private set; }
    public bool AnyChildNotSafeNow { get; private set; }
    /// <summary>
    /// A request for early help (level 1 or 2) made without the family's consent: accepted, because a front door does
    /// not bounce a concern about a child, and flagged so the First Contact Team seeks consent or decides without it.
    /// </summary>
    public bool ConsentToBeSought { get; private set; }
    /// <summary>
    /// Whether the referral is about an unborn baby or a baby under one (at receipt): the partnership made babies' safety a
    /// priority, so they come first in their RAG band. Null on a referral stored before it was kept, until the start after
    /// the upgrade works it out (ContactFactsBackfill).
    /// </summary>
    public bool? AboutABaby { get; private set; }
    public int QualityScore { get; private set; }
    public string RubricVersion { get; private set; } = "";
    /// <summary>The rubric's findings at submission, kept so the referrer always sees the score they were given.</summary>
    public string QualityJson { get; private set; } = "";
    /// <summary>The accepted form as JSON, never changed after submission.</summary>
    public string SubmissionJson { get; private set; } = "";
    /// <summary>
    /// The form and its assessment as submitted, held in memory by a referral made by Submit until it is saved, so the
    /// save works from them rather than parsing its own JSON back; null on a referral read from the database.
    /// </summary>
    public ReferralForm? SubmittedForm { get; private set; }
    public QualityRubric.Assessment? SubmittedQuality { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public string? WithdrawalReason { get; private set; }
    public string? AssignedToUserId { get; private set; }
    public string? AssignedToName { get; private set; }
    public DateTimeOffset? AssignedAt { get; private set; }
    /// <summary>The current RAG rating (its history is in RagRatings).</summary>
    public RagRating? Rag { get; private set; }
    public DateTimeOffset? RagDueAt { get; private set; }
    /// <summary>
    /// Queue order: a child not safe now first, then red, amber, green, unrated, and in each of those a referral about a baby
    /// before the rest (QueuePriorityOf). Stored so the queue pages by index.
    /// </summary>
    public int QueuePriority { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public DateTimeOffset? OutcomeReadyAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>For a duplicate: the referral it was linked to, which carries the decision.</summary>
    public Guid? LinkedToReferralId { get; private set; }
    /// <summary>Optimistic concurrency: every change bumps it, a stale writer is refused.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Contact> Contacts => _contacts;
    public IReadOnlyList<ReferralConcern> Concerns => _concerns;
    public IReadOnlyList<ReferralTransition> Transitions => _transitions;
    public IReadOnlyList<InformationRequest> InformationRequests => _informationRequests;
    public IReadOnlyList<RagRatingEntry> RagRatings => _ragRatings;
    public IReadOnlyList<AgencyCheck> Checks => _checks;
    public IReadOnlyList<ChildDecision> Decisions => _decisions;
    /// <summary>Events raised by changes made through this instance, for the referring agency's feed (not loaded with the referral).</summary>
    public IReadOnlyList<FeedbackEvent> FeedbackEvents => _feedbackEvents;
    /// <summary>When the referring agency first read the outcome, and who.</summary>
    public DateTimeOffset? OutcomeReadAt { get; private set; }
    public string? OutcomeReadByUserId { get; private set; }
    public string? OutcomeReadByName { get; private set; }

    /// <summary>
    /// A referral received. Its reference is normally left to the save (ReferenceNumbers), which takes the year's next
    /// number as late as it can; a history imported whole brings its own.
    /// </summary>
    public static Referral Submit(Guid id, Submission submission, DateTimeOffset receivedAt, DateTimeOffset decisionDueAt, string reference = "")
    {
        var (form, submissionJson, quality, qualityJson, agencyCode, channel, submitter, referrerName) = submission;
        var referral = new Referral
        {
            Id = id,
            Reference = reference,
            AgencyCode = agencyCode,
            Channel = channel,
            Status = ReferralStatus.Submitted,
            ReceivedAt = receivedAt,
            DecisionDueAt = decisionDueAt,
            SubmittedByUserId = submitter.UserId,
            SubmittedByName = submitter.Name,
            SubmittedByRole = submitter.Role,
            ReferrerName = referrerName,
            LevelOfNeed = form.ReferrerView?.LevelOfNeed ?? LevelsOfNeed.NotKnown,
            Risk = form.ReferrerView?.Risk ?? RiskLevel.NotKnown,
            AnyChildNotSafeNow = form.Children!.Any(c => c.SafeNow == Answer.No),
            ConsentToBeSought = IsEarlyHelpWithoutConsent(form),
            AboutABaby = form.Children!.Any(c => IsBaby(c.DateOfBirth, c.EstimatedAgeYears, c.ExpectedDueDate, LondonTime.DayOf(receivedAt))),
            QualityScore = quality.Score,
            RubricVersion = quality.RubricVersion,
            QualityJson = qualityJson,
            SubmissionJson = submissionJson,
            SubmittedForm = form,
            SubmittedQuality = quality,
            Version = 1,
        };
        var position = 0;
        foreach (var child in form.Children!)
            referral._contacts.Add(Contact.For(referral.Id, position++, child));
        foreach (var code in (form.Concern?.Categories ?? []).Distinct())
            referral._concerns.Add(new ReferralConcern(referral.Id, code));
        referral.QueuePriority = referral.Priority();
        referral._transitions.Add(ReferralTransition.Of(id, 0, null, ReferralStatus.Submitted, submitter, receivedAt, $"Received by {EnumWords.Of(channel).Replace('-', ' ')}."));
        referral._feedbackEvents.Add(FeedbackEvent.For(referral, FeedbackEventType.Acknowledged, receivedAt));
        return referral;
    }

    /// <summary>An early help request (level 1 or 2) whose family has not consented, or whose consent is not known.</summary>
    public static bool IsEarlyHelpWithoutConsent(ReferralForm form) =>
        form.ReferrerView?.LevelOfNeed is { } level && LevelsOfNeed.IsEarlyHelp(level)
        && form.Consent?.ParentsConsented is not Answer.Yes;

    /// <summary>
    /// Gives a referral submitted without its number its reference, and the events it raised with it. The
    /// number is taken as late as the save allows (ReferenceNumbers), because the year's counter row stays
    /// locked from then until the commit, and every other submission waits for it.
    /// </summary>
    internal void Number(string reference)
    {
        if (Reference.Length > 0) throw new InvalidOperationException("The referral already has its reference.");
        Reference = reference;
        foreach (var raised in _feedbackEvents) raised.Reference = reference;
    }

    public bool IsDecisionOverdue(DateTimeOffset now) => IsOverdue(Status, DecisionDueAt, now);

    public bool IsRagOverdue(DateTimeOffset now) => IsOverdue(Status, RagDueAt, now);

    /// <summary>Overdue: past a due time while still waiting for the decision.</summary>
    public static bool IsOverdue(ReferralStatus status, DateTimeOffset? dueAt, DateTimeOffset now) =>
        ReferralLifecycle.AwaitingDecision.Contains(status) && dueAt < now;

    public ChildDecision? CurrentDecision(Guid contactId) => _decisions.SingleOrDefault(d => d.ContactId == contactId && d.IsCurrent);

    /// <summary>The referrer's agency may withdraw a referral until triage starts.</summary>
    public void Withdraw(string reason, Actor by, DateTimeOffset at)
    {
        Guard(TriageStep.Withdraw);
        WithdrawnAt = at;
        WithdrawalReason = reason;
        MoveTo(ReferralStatus.Withdrawn, by, at, reason);
    }

    /// <summary>A practitioner takes the referral, or a manager gives it to someone; taking it starts triage.</summary>
    public void Assign(Actor assignee, Actor by, DateTimeOffset at, bool mayReassign)
    {
        Guard(TriageStep.Assign);
        if (AssignedToUserId is { } current && current != assignee.UserId && !mayReassign)
            throw new TriageRuleException($"The referral is already assigned to {AssignedToName}; a manager can reassign it.");
        if (AssignedToUserId == assignee.UserId)
            throw new TriageRuleException($"The referral is already assigned to {AssignedToName}.");
        AssignedToUserId = assignee.UserId;
        AssignedToName = assignee.Name;
        AssignedAt = at;
        MoveTo(Status == ReferralStatus.Submitted ? ReferralStatus.InTriage : Status, by, at, $"Assigned to {assignee.Name}.");
    }

    /// <summary>Returns the referral to its referrer with questions. Once decided, new information makes a new contact instead.</summary>
    public InformationRequest RequestInformation(string questions, Actor by, DateTimeOffset at)
    {
        Guard(TriageStep.RequestInformation);
        var request = InformationRequest.Ask(Id, questions, by, at);
        _informationRequests.Add(request);
        MoveTo(ReferralStatus.AwaitingInformation, by, at, "Questions sent to the referrer.");
        return request;
    }

    /// <summary>The referring agency answers; the referral returns to triage with the answer on it.</summary>
    public void AnswerInformation(Guid requestId, string answer, Actor by, DateTimeOffset at)
    {
        Guard(TriageStep.AnswerInformation);
        var request = _informationRequests.SingleOrDefault(r => r.Id == requestId)
            ?? throw new KeyNotFoundException("No such information request on this referral.");
        if (!request.IsOpen) throw new TriageRuleException("This information request has already been answered.");
        request.Answered(answer, by, at);
        MoveTo(ReferralStatus.InTriage, by, at, "The referrer answered.");
    }

    /// <summary>Rates (or re-rates) the referral red, amber or green; the first rating starts multi-agency checks.</summary>
    public void RateRag(RagRating rating, string reason, Actor by, DateTimeOffset at, DateTimeOffset dueAt)
    {
        Guard(TriageStep.RateRag);
        _ragRatings.Add(RagRatingEntry.Rate(Id, rating, reason, by, at, dueAt));
        Rag = rating;
        RagDueAt = dueAt;
        QueuePriority = Priority();
        StartChecks(by, at, $"Rated {EnumWords.Of(rating)}.");
    }

    public void RecordCheck(string agency, string shared, DateTimeOffset sharedAt, Actor by, DateTimeOffset at)
    {
        Guard(TriageStep.RecordCheck);
        _checks.Add(AgencyCheck.Record(Id, agency, shared, sharedAt, by, at));
        StartChecks(by, at, $"Check with {agency} recorded.");
    }

    /// <summary>
    /// Records the decision for one child. When every child has one, the referral is decided, and
    /// goes to a manager for sign-off if any decision needs it, else its outcome is ready.
    /// </summary>
    public ChildDecision Decide(Guid contactId, DecisionDetails details, Actor by, DateTimeOffset at, bool needsSignOff)
    {
        Guard(TriageStep.Decide);
        RequireContact(contactId);
        if (CurrentDecision(contactId) is not null)
            throw new TriageRuleException("This child already has a decision; a manager can override it when signing off.");
        var decision = ChildDecision.Make(Id, contactId, details, by, at, needsSignOff, overrides: null);
        _decisions.Add(decision);
        if (_contacts.All(c => CurrentDecision(c.Id) is not null))
        {
            DecidedAt = at;
            MoveTo(ReferralStatus.Decided, by, at, "Every child has a decision.");
            if (_decisions.Any(d => d.State == DecisionState.AwaitingSignOff))
                MoveTo(ReferralStatus.AwaitingSignOff, by, at, "The council's rules require a manager to sign off.");
            else
                OutcomeIsReady(by, at, "No sign-off required.");
        }
        else
        {
            Change(by, at);
        }
        return decision;
    }

    /// <summary>A manager agrees with a child's decision, or overrides it with a decision of their own and a reason; both are kept.</summary>
    public ChildDecision SignOff(Guid contactId, SignOffResult result, string? comment, DecisionDetails? replacement, Actor by, DateTimeOffset at)
    {
        RequireContact(contactId);
        // A second pair of eyes is the point of sign-off: whoever made a decision never signs it off, whatever else holds.
        if (CurrentDecision(contactId) is { State: DecisionState.AwaitingSignOff } own && own.DecidedByUserId == by.UserId)
            throw new NotThisPersonException("A decision is signed off by a manager other than the person who made it.");
        Guard(TriageStep.SignOff);
        var decision = CurrentDecision(contactId);
        if (decision is not { State: DecisionState.AwaitingSignOff })
            throw new TriageRuleException("This child's decision is not awaiting sign-off.");
        decision.SignedOff(result, comment, by, at);
        var current = decision;
        if (result == SignOffResult.Overridden)
        {
            current = ChildDecision.Make(Id, contactId, replacement ?? throw new ArgumentNullException(nameof(replacement)), by, at, needsSignOff: false, overrides: decision.Id);
            _decisions.Add(current);
        }
        if (_decisions.Any(d => d.State == DecisionState.AwaitingSignOff))
            Change(by, at);
        else
            OutcomeIsReady(by, at, "Signed off.");
        return current;
    }

    /// <summary>
    /// Closes this referral as a duplicate of another about the same children, without a decision of its own. Only where the
    /// other carries on and names every child this one does, so a mistyped id cannot close a child's referral and no child
    /// is left undecided.
    /// </summary>
    public void LinkAsDuplicateOf(Referral original, string reason, Actor by, DateTimeOffset at)
    {
        if (original.Status is ReferralStatus.Withdrawn or ReferralStatus.Linked)
            throw new DuplicateRefusedException("That referral is itself withdrawn or a duplicate; link to the one that carries on.");
        if (ChildrenOn(original) is null)
            throw new DuplicateRefusedException("That referral does not name every child this one does (by NHS number, or by name and " +
                "date of birth): decide this one instead, so that no child is left without a decision.");
        Guard(TriageStep.Link);
        if (_decisions.Count > 0) throw new TriageRuleException("A referral with a decision recorded cannot be linked as a duplicate.");
        LinkedToReferralId = original.Id;
        MoveTo(ReferralStatus.Linked, by, at, $"Duplicate of {original.Reference}: {reason}");
    }

    /// <summary>
    /// Each of this referral's children on another referral: a duplicate's outcome is the other's decision for the same
    /// child, so a referral is joined with another only where every child it names is there too (none is left undecided).
    /// </summary>
    public IReadOnlyList<(Contact Child, Contact On)>? ChildrenOn(Referral other)
    {
        var pairs = new List<(Contact, Contact)>();
        foreach (var child in _contacts.OrderBy(c => c.Position))
        {
            var same = other.Contacts.FirstOrDefault(o =>
                KnownChildren.MatchedOn(KnownChildren.Child.Of(child), KnownChildren.Child.Of(o)) is not null);
            if (same is null) return null;
            pairs.Add((child, same));
        }
        return pairs;
    }

    /// <summary>
    /// The outcome the referring agency reads: each of its children with the child the decision was made for, on this
    /// referral or, for a duplicate, on the referral it was joined with (decidedOn). Refused until that outcome is ready.
    /// </summary>
    public IReadOnlyList<(Contact Child, Contact On)> OutcomeFor(Referral decidedOn)
    {
        if (decidedOn.Status is not (ReferralStatus.OutcomeReady or ReferralStatus.Closed) || decidedOn.OutcomeReadyAt is null)
            throw new ReferralStateException(Status, "read for its outcome yet");
        return decidedOn == this ? _contacts.Select(c => (c, c)).ToList()
            : ChildrenOn(decidedOn) ?? throw new ReferralStateException(Status, "read for its outcome yet");
    }

    /// <summary>
    /// The referring agency's first read of the outcome, kept with who read it; later reads leave it as it was. Not a change
    /// to the referral's state: the version stays, so a partner reading never makes the team's next change stale.
    /// </summary>
    public void OutcomeReadBy(Actor reader, DateTimeOffset at)
    {
        if (OutcomeReadAt is not null) return;
        OutcomeReadAt = at;
        OutcomeReadByUserId = reader.UserId;
        OutcomeReadByName = reader.Name;
    }

    /// <summary>
    /// The referral this one was joined with now has its outcome: this one's agency hears it too, on its own referral
    /// (its feed, webhooks and e-mail), without learning who else referred. Nothing else about this referral changes.
    /// </summary>
    public void HearOutcomeOf(Referral original, DateTimeOffset at)
    {
        if (Status != ReferralStatus.Linked || LinkedToReferralId != original.Id || original.Status != ReferralStatus.OutcomeReady)
            throw new InvalidOperationException("Only a duplicate hears the outcome of the referral it was joined with, once that is ready.");
        _feedbackEvents.Add(FeedbackEvent.For(this, FeedbackEventType.OutcomeReady, at));
    }

    /// <summary>
    /// Records the team and worker a child accepted as a referral is allocated to (what Ofsted's list of referrals shows).
    /// Only for a child whose final decision accepted it for an assessment or a strategy discussion; a later allocation
    /// replaces the earlier one.
    /// </summary>
    public void Allocate(Guid contactId, string team, string worker, Actor by, DateTimeOffset at)
    {
        Guard(TriageStep.Allocate);
        RequireContact(contactId);
        if (CurrentDecision(contactId) is not { State: DecisionState.Final } decision || !decision.Outcome.IsAcceptedAsReferral())
            throw new TriageRuleException("Only a child accepted for an assessment or a strategy discussion is allocated.");
        _contacts.Single(c => c.Id == contactId).AllocateTo(team, worker, at);
        Change(by, at, history: $"Allocated to {team}.");
    }

    /// <summary>Ends the front door's work once the outcome is ready.</summary>
    public void Close(string? note, Actor by, DateTimeOffset at)
    {
        Guard(TriageStep.Close);
        ClosedAt = at;
        MoveTo(ReferralStatus.Closed, by, at, note);
    }

    private void OutcomeIsReady(Actor by, DateTimeOffset at, string reason)
    {
        OutcomeReadyAt = at;
        MoveTo(ReferralStatus.OutcomeReady, by, at, reason);
    }

    private void StartChecks(Actor by, DateTimeOffset at, string reason) =>
        MoveTo(Status == ReferralStatus.InTriage ? ReferralStatus.MultiAgencyChecks : Status, by, at, reason);

    private void Guard(TriageStep step)
    {
        if (!ReferralLifecycle.Allows(Status, step)) throw new ReferralStateException(Status, ReferralLifecycle.Verb(step));
    }

    private void RequireContact(Guid contactId)
    {
        if (_contacts.All(c => c.Id != contactId)) throw new ArgumentException("No such child on this referral.", nameof(contactId));
    }

    private void MoveTo(ReferralStatus to, Actor by, DateTimeOffset at, string? reason) => Change(by, at, to, reason);

    /// <summary>
    /// Every change after submission passes here: it bumps the version, so a concurrent writer is refused; a move (to another
    /// status or the same) is recorded in the history with its reason, as is a step worth a line of its own (an allocation);
    /// and the status moved to raises the event its referrer hears, if any.
    /// </summary>
    private void Change(Actor by, DateTimeOffset at, ReferralStatus? to = null, string? history = null)
    {
        if (to is not null || history is not null)
            _transitions.Add(ReferralTransition.Of(Id, _transitions.Count, Status, to ?? Status, by, at, history));
        if (to is { } moved)
        {
            Status = moved;
            if (FeedbackEvent.RaisedBy(moved) is { } feedback) _feedbackEvents.Add(FeedbackEvent.For(this, feedback, at));
        }
        Version++;
    }

    private int Priority() => QueuePriorityOf(AnyChildNotSafeNow, Rag, AboutABaby == true);

    public static int QueuePriorityOf(bool anyChildNotSafeNow, RagRating? rag, bool aboutABaby) =>
        ((anyChildNotSafeNow ? 0 : 10) + rag switch
        {
            RagRating.Red => 0,
            RagRating.Amber => 1,
            RagRating.Green => 2,
            _ => 3,
        }) * 2 + (aboutABaby ? 0 : 1);

    /// <summary>An unborn baby, or a baby under one on the day (an estimated age of 0 counts).</summary>
    public static bool IsBaby(DateOnly? dateOfBirth, int? estimatedAgeYears, DateOnly? expectedDueDate, DateOnly day) =>
        expectedDueDate is not null || estimatedAgeYears == 0 || (dateOfBirth is { } born && born > day.AddYears(-1));

    /// <summary>Works out, for a referral stored before it was kept, whether it is about a baby, and its place in the queue.</summary>
    public void KnowWhetherAboutABaby()
    {
        if (AboutABaby is not null) return;
        var day = LondonTime.DayOf(ReceivedAt);
        AboutABaby = Contacts.Any(c => IsBaby(c.DateOfBirth, c.EstimatedAgeYears, c.ExpectedDueDate, day));
        QueuePriority = Priority();
    }
}
