package org.jouleboard.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jouleboard.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.annotation.Transactional;

@SpringBootTest
@Transactional
@TestPropertySource(properties = "jouleboard.queue.max-waiting-per-user=5")
class QueueServiceTest {

    private static final AtomicLong IDS = new AtomicLong(1_000_000);

    @Autowired
    QueueService queue;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void runsAlternateBetweenUsersAndKeepEachUsersOrder() {
        String host = host();
        List<Long> alice = enqueue(host, "alice", 3);
        List<Long> bob = enqueue(host, "bob", 2);

        List<Long> served = new ArrayList<>();
        Optional<Long> next;
        while ((next = claim(host)).isPresent()) {
            served.add(next.get());
            finish(next.get());
        }
        assertThat(served).containsExactly(alice.get(0), bob.get(0), alice.get(1), bob.get(1), alice.get(2));
    }

    @Test
    void aHandOverEndsTheRunThatLeftAndClaimsTheNextInFairOrder() {
        String host = host();
        List<Long> alice = enqueue(host, "alice", 2);
        long bob = enqueue(host, "bob", 1).getFirst();
        assertThat(claim(host)).contains(alice.get(0));

        assertThat(TestUsers.asSystem(() -> queue.handOver(alice.get(0), host)))
                .as("alice was just served: bob next")
                .contains(bob);
        assertThat(queue.snapshot(host)).extracting(QueuePosition::runId).containsExactly(bob, alice.get(1));
        assertThat(TestUsers.asSystem(() -> queue.handOver(bob, host))).contains(alice.get(1));
        assertThat(TestUsers.asSystem(() -> queue.handOver(alice.get(1), host)))
                .as("nothing waits")
                .isEmpty();
        assertThat(queue.snapshot(host)).isEmpty();
        login("quinn", "USER", "ADMIN");
        assertThatThrownBy(() -> queue.handOver(1, host)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aUserWhoWasJustServedWaitsBehindOthers() {
        String host = host();
        long first = enqueue(host, "carol", 1).getFirst();
        assertThat(claim(host)).contains(first);
        finish(first);
        long carolAgain = enqueue(host, "carol", 1).getFirst();
        long dave = enqueue(host, "dave", 1).getFirst();
        assertThat(claim(host)).contains(dave);
        assertThat(queue.snapshot(host)).extracting(QueuePosition::runId).containsExactly(dave, carolAgain);
    }

    @Test
    void onlyOneRunAtATimePerHost() {
        String host = host();
        enqueue(host, "erin", 2);
        assertThat(claim(host)).isPresent();
        assertThat(claim(host)).isEmpty();
        assertThat(claim(host())).as("another host is independent").isEmpty();
    }

    @Test
    void pausedHostsStartNothingAndOnlyAdminsPause() {
        String host = host();
        enqueue(host, "frank", 1);
        login("frank", "USER");
        assertThatThrownBy(() -> queue.pause(host)).isInstanceOf(AccessDeniedException.class);
        login("boss", "USER", "ADMIN");
        queue.pause(host);
        assertThat(queue.isPaused(host)).isTrue();
        assertThat(claim(host)).isEmpty();
        queue.resume(host);
        assertThat(claim(host)).isPresent();
    }

    @Test
    void usersCancelTheirOwnRunsAndAdminsAny() {
        String host = host();
        List<Long> grace = enqueue(host, "grace", 2);
        login("heidi", "USER");
        assertThatThrownBy(() -> queue.cancel(grace.get(0))).isInstanceOf(AccessDeniedException.class);
        login("grace", "USER");
        assertThat(queue.cancel(grace.get(0))).isEqualTo(CancelOutcome.REMOVED);
        assertThat(queue.cancel(grace.get(0))).isEqualTo(CancelOutcome.NOTHING_TO_CANCEL);
        assertThat(claim(host)).contains(grace.get(1));
        login("boss", "USER", "ADMIN");
        assertThat(queue.cancel(grace.get(1))).isEqualTo(CancelOutcome.STOP_REQUESTED);
    }

    /** The instance running a host's worker learns of a cancel asked on another one from the database. */
    @Test
    void aCancelOfARunningRunIsStoredForTheHostsWorkerWherever() {
        String host = host();
        String other = host();
        List<Long> ivan = enqueue(host, "ivan", 2);
        long elsewhere = enqueue(other, "ivan", 1).getFirst();
        assertThat(claim(host)).contains(ivan.get(0));
        assertThat(claim(other)).contains(elsewhere);
        assertThat(cancelsRequested(host, other)).isEmpty();
        login("ivan", "USER");
        assertThat(queue.cancel(ivan.get(0))).isEqualTo(CancelOutcome.STOP_REQUESTED);
        assertThat(queue.cancel(ivan.get(1))).isEqualTo(CancelOutcome.REMOVED);
        assertThat(cancelsRequested(host, other))
                .as("running and cancelled; the waiting one is simply gone")
                .containsExactly(ivan.get(0));
        assertThat(cancelsRequested(other)).isEmpty();
        finish(ivan.get(0));
        assertThat(cancelsRequested(host)).as("ended: nothing left to stop").isEmpty();
    }

    private List<Long> cancelsRequested(String... hosts) {
        return TestUsers.asSystem(() -> queue.cancelsRequested(List.of(hosts)));
    }

    @Test
    void theWaitingCapIsPerUserAndRefusesTheWholeBatch() {
        String host = host();
        enqueue(host, "ivan", 4);
        assertThatThrownBy(() -> enqueue(host, "ivan", 2))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("limit is 5");
        assertThat(queue.snapshot(host)).hasSize(4);
        enqueue(host, "judy", 5);
    }

    @Test
    void positionsCountFromTheRunningRunAndWaitIsUnknownWithoutHistory() {
        String host = host();
        List<Long> runs = enqueue(host, "ken", 3);
        claim(host);
        List<QueuePosition> snapshot = queue.snapshot(host);
        assertThat(snapshot).extracting(QueuePosition::position).containsExactly(0, 1, 2);
        assertThat(snapshot)
                .extracting(QueuePosition::state)
                .containsExactly(QueueState.RUNNING, QueueState.WAITING, QueueState.WAITING);
        assertThat(snapshot.get(1).estimatedWait())
                .as("no finished run yet: unknown")
                .isNull();
        assertThat(queue.snapshot(host))
                .filteredOn(p -> p.runId() == runs.get(2))
                .singleElement()
                .extracting(QueuePosition::position)
                .isEqualTo(2);
    }

    @Test
    void anAdminMovesAUsersWaitingRunsBehindEveryoneElse() {
        String host = host();
        // Mia was never served, so plain fair order would put her first whatever her runs' queued_at says.
        List<Long> mia = enqueue(host, "mia", 3);
        List<Long> ned = enqueue(host, "ned", 2);
        List<Long> olga = enqueue(host, "olga", 1);
        login("boss", "USER", "ADMIN");

        assertThat(queue.moveToBack(host, "mia")).isEqualTo(3);

        assertThat(queue.snapshot(host))
                .extracting(QueuePosition::runId)
                .containsExactly(ned.get(0), olga.get(0), ned.get(1), mia.get(0), mia.get(1), mia.get(2));
        long later = enqueue(host, "mia", 1).getFirst();
        assertThat(queue.snapshot(host))
                .extracting(QueuePosition::runId)
                .as("a new run takes its normal fair place")
                .containsExactly(ned.get(0), olga.get(0), later, ned.get(1), mia.get(0), mia.get(1), mia.get(2));
        assertThat(queue.moveToBack(host, "nobody")).isZero();

        List<Long> served = new ArrayList<>();
        Optional<Long> next;
        while ((next = claim(host)).isPresent()) {
            served.add(next.get());
            finish(next.get());
        }
        assertThat(served).endsWith(mia.get(0), mia.get(1), mia.get(2));
    }

    @Test
    void onlyAdminsMoveRunsToTheBack() {
        String host = host();
        enqueue(host, "pat", 1);
        login("pat", "USER");
        assertThatThrownBy(() -> queue.moveToBack(host, "pat")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queue.resume(host)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void releaseRunningEndsWhatWasRunningOnThatHostOnly() {
        String host = host();
        long run = enqueue(host, "leo", 1).getFirst();
        claim(host);
        String other = host();
        long elsewhere = enqueue(other, "leo", 1).getFirst();
        claim(other);
        assertThat(release(host)).containsExactly(run);
        assertThat(queue.snapshot(host)).noneMatch(p -> p.runId() == run);
        assertThat(queue.snapshot(other))
                .as("another instance may run that host: its run goes on")
                .anyMatch(p -> p.runId() == elsewhere && p.state() == QueueState.RUNNING);
    }

    private List<Long> enqueue(String host, String owner, int count) {
        List<QueuedRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(new QueuedRun(IDS.incrementAndGet(), host, owner, "model-a"));
        }
        TestUsers.asSystem(() -> {
            queue.enqueue(runs);
            return null;
        });
        return runs.stream().map(QueuedRun::runId).toList();
    }

    private Optional<Long> claim(String host) {
        return TestUsers.asSystem(() -> queue.claimNext(host));
    }

    private void finish(long runId) {
        TestUsers.asSystem(() -> {
            queue.finished(runId);
            return null;
        });
    }

    private List<Long> release(String host) {
        return TestUsers.asSystem(() -> queue.releaseRunning(host));
    }

    @Test
    void onlyTheSystemRoleClaimsFinishesAndReleasesRuns() {
        String host = host();
        enqueue(host, "quinn", 1);
        login("quinn", "USER", "ADMIN");
        assertThatThrownBy(() -> queue.claimNext(host)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queue.finished(1)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> queue.releaseRunning(host)).isInstanceOf(AccessDeniedException.class);
        assertThat(claim(host)).isPresent();
    }

    private static String host() {
        return "host-" + IDS.incrementAndGet();
    }

    private static void login(String name, String... roles) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        name,
                        null,
                        java.util.Arrays.stream(roles)
                                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                                .toList()));
    }
}
