package org.parley.events;

/**
 * Something one feature tells the others through the {@link EventBus}. The records live here,
 * outside every feature, so a feature that listens (media) imports no feature that publishes (rooms).
 */
public sealed interface Event permits RoomStarted, RoomEnded, StageChanged, ParticipantLeft, SpeakingChanged,
        HallwayChanged, MemberJoined, FollowChanged, BlockChanged, MemberPinged, EventReminderDue, EventStarted,
        CohostRequested, CohostAnswered, SessionsEnded, EventChanged, ProposalReceived, ProposalAnswered,
        ProposalQuestionAsked, MemberChanged, ScheduledEventChanged {
}
