package dev.polystore.activity.api;

import dev.polystore.activity.domain.Event;
import dev.polystore.activity.domain.EventCounts;
import dev.polystore.activity.domain.EventLister;
import dev.polystore.activity.domain.EventPage;
import dev.polystore.activity.domain.EventQuery;
import dev.polystore.activity.domain.EventRecorder;
import dev.polystore.activity.domain.RecordResult;
import dev.polystore.activity.v1.ActivityServiceGrpc;
import dev.polystore.activity.v1.GetDailyCountsRequest;
import dev.polystore.activity.v1.GetDailyCountsResponse;
import dev.polystore.activity.v1.ListEventsRequest;
import dev.polystore.activity.v1.ListEventsResponse;
import dev.polystore.activity.v1.RecordEventsRequest;
import dev.polystore.activity.v1.RecordEventsResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * ActivityService over gRPC: maps requests to domain calls and results to responses, and holds no
 * rules. The platform's interceptors have validated the request against the contract before any
 * method here runs, and map what the domain throws to statuses.
 */
public final class ActivityGrpcService extends ActivityServiceGrpc.ActivityServiceImplBase {
  private final EventRecorder recorder;
  private final EventLister lister;
  private final EventCounts counts;

  public ActivityGrpcService(EventRecorder recorder, EventLister lister, EventCounts counts) {
    this.recorder = recorder;
    this.lister = lister;
    this.counts = counts;
  }

  @Override
  public void recordEvents(RecordEventsRequest request, StreamObserver<RecordEventsResponse> response) {
    List<Event> events = request.getEventsList().stream().map(EventMessages::toDomain).toList();
    RecordResult result = recorder.record(events);
    response.onNext(RecordEventsResponse.newBuilder()
        .setRecordedCount(result.recorded())
        .setDuplicateCount(result.duplicates())
        .build());
    response.onCompleted();
  }

  @Override
  public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> response) {
    EventPage page = lister.list(new EventQuery(
        UUID.fromString(request.getWorkspaceId()),
        EventMessages.instant(request.getStartTime()),
        EventMessages.instant(request.getEndTime()),
        request.getType().isEmpty() ? Optional.empty() : Optional.of(request.getType()),
        request.getPageSize(),
        request.getPageToken()));
    ListEventsResponse.Builder out = ListEventsResponse.newBuilder().setNextPageToken(page.nextPageToken());
    page.events().forEach(event -> out.addEvents(EventMessages.toMessage(event)));
    response.onNext(out.build());
    response.onCompleted();
  }

  @Override
  public void getDailyCounts(GetDailyCountsRequest request, StreamObserver<GetDailyCountsResponse> response) {
    GetDailyCountsResponse.Builder out = GetDailyCountsResponse.newBuilder();
    counts.daily(UUID.fromString(request.getWorkspaceId()), request.getStartDate(), request.getEndDate())
        .forEach(count -> out.addCounts(EventMessages.toMessage(count)));
    response.onNext(out.build());
    response.onCompleted();
  }
}
