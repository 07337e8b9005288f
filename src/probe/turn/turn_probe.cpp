#include "probe/turn/turn_probe.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <exception>
#include <memory>
#include <system_error>
#include <utility>
#include <vector>

#include "probe/turn/stun.hpp"

namespace mra::probe::turn {

namespace {

using facts::TurnOutcome;
using Clock = Deadline::Clock;

// The largest UDP payload over IPv4 (65,535 − 8 − 20): no datagram is read cut short.
constexpr std::size_t max_datagram = 65507;

class UdpSocket {
public:
    explicit UdpSocket(int fd) : m_fd(fd) {}
    ~UdpSocket() {
        if (m_fd >= 0) ::close(m_fd);
    }
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

std::int64_t milliseconds_between(Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

std::string reason_of(int err) {
    // On a connected UDP socket an ICMP port unreachable comes back as ECONNREFUSED (Linux udp(7)).
    if (err == ECONNREFUSED) return "ICMP port unreachable: nothing listens there";
    return std::generic_category().message(err);
}

void fail(facts::TurnEndpoint& endpoint, TurnOutcome outcome, std::string error) {
    endpoint.outcome = outcome;
    endpoint.error = std::move(error);
}

// One Binding transaction on a connected socket; fills `endpoint`.
class Transaction {
public:
    Transaction(facts::TurnEndpoint& endpoint, int fd, std::string peer, const Retransmission& retransmission)
        : m_endpoint(endpoint),
          m_fd(fd),
          m_peer(std::move(peer)),
          m_max_attempts(std::max(1, retransmission.max_attempts)),
          m_wait(retransmission.initial_rto),
          m_id(random_transaction_id()),
          m_request(binding_request(m_id)),
          m_buffer(max_datagram) {}

    void run(const Deadline& deadline);

private:
    bool send_request();
    bool read_datagrams();  // true when the transaction is over (an answer or an error)
    void take(const BindingResponse& response);
    void give_up(Clock::time_point started);

    facts::TurnEndpoint& m_endpoint;
    int m_fd;
    std::string m_peer;
    int m_max_attempts;
    std::chrono::milliseconds m_wait;  // before the next retransmission (or giving up), doubled each time
    TransactionId m_id;
    std::vector<std::uint8_t> m_request;
    std::vector<std::uint8_t> m_buffer;
    Clock::time_point m_last_sent;
    Clock::time_point m_next;  // the next send, or the end after the last one
    int m_other_transactions = 0;
    int m_malformed = 0;
    std::string m_last_malformed;
};

void Transaction::run(const Deadline& deadline) {
    const auto started = Clock::now();
    m_next = started;
    for (;;) {
        const auto now = Clock::now();
        if (now >= deadline.end()) break;
        if (now >= m_next) {
            if (m_endpoint.attempts == m_max_attempts) break;
            if (!send_request()) return;
            continue;
        }
        const auto until = std::min(m_next, deadline.end());
        const auto ms = std::chrono::ceil<std::chrono::milliseconds>(until - now).count();
        pollfd entry{m_fd, POLLIN, 0};
        const int rc = ::poll(&entry, 1, static_cast<int>(std::min<decltype(ms)>(ms, INT_MAX)));
        if (rc < 0 && errno != EINTR) {
            return fail(m_endpoint, TurnOutcome::network_error, m_peer + ": poll: " + reason_of(errno));
        }
        if (rc > 0 && read_datagrams()) return;
    }
    give_up(started);
}

bool Transaction::send_request() {
    for (;;) {
        const ssize_t sent = ::send(m_fd, m_request.data(), m_request.size(), 0);
        if (sent >= 0) break;
        if (errno == EINTR) continue;
        // EAGAIN on a fresh UDP socket would mean a full send buffer: count it as a lost datagram.
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        fail(m_endpoint, TurnOutcome::network_error, m_peer + ": send: " + reason_of(errno));
        return false;
    }
    m_last_sent = Clock::now();
    ++m_endpoint.attempts;
    m_next = m_last_sent + m_wait;
    m_wait *= 2;
    return true;
}

bool Transaction::read_datagrams() {
    for (;;) {
        const ssize_t n = ::recv(m_fd, m_buffer.data(), m_buffer.size(), 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
            fail(m_endpoint, TurnOutcome::network_error, m_peer + ": receive: " + reason_of(errno));
            return true;
        }
        const auto parsed = parse_binding_response(std::span(m_buffer.data(), static_cast<std::size_t>(n)), m_id);
        switch (parsed.kind) {
            case DatagramKind::response:
                m_endpoint.rtt_ms = milliseconds_between(m_last_sent, Clock::now());
                take(parsed.response);
                return true;
            case DatagramKind::other_transaction:
                ++m_other_transactions;  // RFC 5389 §7.3: not ours, discarded
                break;
            case DatagramKind::malformed:
                ++m_malformed;
                m_last_malformed = parsed.error;
                break;
        }
    }
}

void Transaction::take(const BindingResponse& response) {
    m_endpoint.software = response.software;
    if (response.success) {
        m_endpoint.outcome = TurnOutcome::answered;
        m_endpoint.mapped_address =
            response.xor_mapped_address.empty() ? response.mapped_address : response.xor_mapped_address;
        return;
    }
    m_endpoint.error_code = response.error_code;
    m_endpoint.error_reason = response.error_reason;
    fail(m_endpoint, TurnOutcome::error_response,
         m_peer + ": Binding error response " + std::to_string(response.error_code) +
             (response.error_reason.empty() ? "" : " " + response.error_reason));
}

void Transaction::give_up(Clock::time_point started) {
    if (m_malformed > 0) {
        return fail(
            m_endpoint, TurnOutcome::malformed,
            m_peer + ": " + m_last_malformed +
                (m_malformed > 1 ? " (the last of " + std::to_string(m_malformed) + " invalid datagrams)" : ""));
    }
    std::string error = m_peer + ": no answer to " + std::to_string(m_endpoint.attempts) + " Binding request" +
                        (m_endpoint.attempts == 1 ? "" : "s") + " within " +
                        std::to_string(milliseconds_between(started, Clock::now())) + " ms";
    if (m_other_transactions > 0) {
        error += " (ignored " + std::to_string(m_other_transactions) + " datagram" +
                 (m_other_transactions == 1 ? "" : "s") + " for another transaction)";
    }
    fail(m_endpoint, TurnOutcome::no_response, std::move(error));
}

void probe(facts::TurnEndpoint& endpoint, const TurnTarget& target, const Deadline& deadline,
           const Retransmission& retransmission) {
    // "[2001:db8::1]" is accepted as well as the bare literal.
    std::string literal = target.address;
    if (literal.size() > 2 && literal.front() == '[' && literal.back() == ']') {
        literal = literal.substr(1, literal.size() - 2);
    }
    if (literal.empty()) return fail(endpoint, TurnOutcome::not_resolved, "no address to send to for " + target.host);
    const std::string peer = format_transport_address(literal, target.port);

    // AI_NUMERICHOST: only parses the literal, never asks a resolver (names are resolved only
    // through the resolver under test).
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(target.port);
    if (::getaddrinfo(literal.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
        return fail(endpoint, TurnOutcome::not_resolved, peer + ": not an IPv4 or IPv6 address literal");
    }
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owned(found, &::freeaddrinfo);
    UdpSocket socket(::socket(found->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (socket.fd() < 0) return fail(endpoint, TurnOutcome::network_error, peer + ": socket: " + reason_of(errno));
    // connect() on UDP only fixes the peer: datagrams from elsewhere are dropped by the kernel.
    if (::connect(socket.fd(), found->ai_addr, found->ai_addrlen) != 0) {
        return fail(endpoint, TurnOutcome::network_error, peer + ": connect: " + reason_of(errno));
    }
    endpoint.address = literal;
    Transaction(endpoint, socket.fd(), peer, retransmission).run(deadline);
}

}  // namespace

facts::TurnEndpoint probe_turn(const TurnTarget& target, const Deadline& deadline,
                               const Retransmission& retransmission) {
    facts::TurnEndpoint endpoint;
    endpoint.host = target.host;
    endpoint.port = target.port;
    endpoint.address = target.address;
    try {
        probe(endpoint, target, deadline, retransmission);
    } catch (const std::exception& e) {
        fail(endpoint, TurnOutcome::network_error, std::string("STUN probe failed: ") + e.what());
    }
    return endpoint;
}

}  // namespace mra::probe::turn
