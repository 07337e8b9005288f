#include "probe/net/connection.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <system_error>
#include <utility>

#include "util/text.hpp"

namespace mra::probe::net {

namespace {

NetError classify(int err) {
    switch (err) {
        case ECONNREFUSED:
            return NetError::refused;
        case ENETUNREACH:
        case EHOSTUNREACH:
        case ENETDOWN:
        case EHOSTDOWN:
        case EADDRNOTAVAIL:
        case EAFNOSUPPORT:  // e.g. an IPv6 address on a host with IPv6 disabled
            return NetError::unreachable;
        case ETIMEDOUT:
            return NetError::timeout;
        case ECONNRESET:
        case ECONNABORTED:
            return NetError::reset;
        case EPIPE:
            return NetError::closed;
        default:
            return NetError::failed;
    }
}

std::string format_peer(const std::string& address, std::uint16_t port) {
    // RFC 3986 §3.2.2: an IPv6 literal is bracketed when a port follows.
    const bool v6 = address.find(':') != std::string::npos;
    return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

// "192.0.2.1:5061: connect: Connection refused"
NetStatus failure(NetError error, const std::string& peer, const char* step, const std::string& reason) {
    return {error, peer + ": " + step + ": " + reason};
}

NetStatus failure_from_errno(int err, const std::string& peer, const char* step) {
    return failure(classify(err), peer, step, std::generic_category().message(err));
}

NetStatus timed_out(const std::string& peer, const char* step) {
    return failure(NetError::timeout, peer, step, "timed out");
}

enum class Wait { ready, timeout, failed };

// poll() until `events` are signalled or the deadline passes. The timeout is rounded up so that
// a sub-millisecond remainder does not spin; the deadline itself decides when to stop.
Wait wait_for(int fd, short events, const Deadline& deadline) {
    for (;;) {
        const auto left = deadline.end() - Deadline::Clock::now();
        if (left <= Deadline::Clock::duration::zero()) {
            return Wait::timeout;
        }
        const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
        pollfd entry{fd, events, 0};
        const int rc = ::poll(&entry, 1, static_cast<int>(std::min<decltype(ms)>(ms, INT_MAX)));
        if (rc > 0) {
            return Wait::ready;
        }
        if (rc < 0 && errno != EINTR) {
            return Wait::failed;
        }
    }
}

void set_nonblocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL, 0);
    if (flags >= 0) {
        ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
}

// TLS sends a flight as several small records, one write each; Nagle's algorithm (RFC 896) would
// hold each after the first back until an ACK, which a delayed ACK (RFC 1122 §4.2.3.2) can make
// ~40 ms, a delay that is not the peer's and would skew handshake timings.
void disable_nagle(int fd) {
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

}  // namespace

Connection::Connection(int fd, std::string address, std::uint16_t port)
    : m_fd(fd), m_address(std::move(address)), m_port(port) {
    set_nonblocking(m_fd);
    disable_nagle(m_fd);
}

Connection::~Connection() {
    close();
}

Connection::Connection(Connection&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_address(std::move(other.m_address)), m_port(other.m_port) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
        m_address = std::move(other.m_address);
        m_port = other.m_port;
    }
    return *this;
}

std::string Connection::peer() const {
    return format_peer(m_address, m_port);
}

void Connection::close() {
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

NetStatus Connection::send_all(std::span<const std::uint8_t> bytes, const Deadline& deadline) {
    if (!is_open()) {
        return failure(NetError::closed, peer(), "send", "connection is not open");
    }
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        if (deadline.expired()) {
            return timed_out(peer(), "send");
        }
        // MSG_NOSIGNAL: a peer that has gone away gives EPIPE here instead of killing the process
        // with SIGPIPE.
        const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n >= 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            return failure_from_errno(errno, peer(), "send");
        }
        const Wait wait = wait_for(m_fd, POLLOUT, deadline);
        if (wait == Wait::timeout) {
            return timed_out(peer(), "send");
        }
        if (wait == Wait::failed) {
            return failure_from_errno(errno, peer(), "send");
        }
    }
    return {};
}

NetStatus Connection::send_all(std::string_view text, const Deadline& deadline) {
    return send_all(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), deadline);
}

Received Connection::receive_some(const Deadline& deadline, std::size_t limit) {
    Received out;
    if (!is_open()) {
        out.status = failure(NetError::closed, peer(), "receive", "connection is not open");
        return out;
    }
    out.bytes.resize(limit);
    for (;;) {
        const ssize_t n = ::recv(m_fd, out.bytes.data(), out.bytes.size(), 0);
        if (n >= 0) {
            out.bytes.resize(static_cast<std::size_t>(n));  // 0: FIN, the peer closed in order
            return out;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            out.status = failure_from_errno(errno, peer(), "receive");
            break;
        }
        const Wait wait = wait_for(m_fd, POLLIN, deadline);
        if (wait == Wait::timeout) {
            out.status = timed_out(peer(), "receive");
            break;
        }
        if (wait == Wait::failed) {
            out.status = failure_from_errno(errno, peer(), "receive");
            break;
        }
    }
    out.bytes.clear();
    return out;
}

ConnectResult connect(const std::string& address, std::uint16_t port, const Deadline& deadline) {
    ConnectResult out;
    // "[2001:db8::1]" is accepted as well as the bare literal.
    std::string literal = address;
    if (literal.size() > 2 && literal.front() == '[' && literal.back() == ']') {
        literal = literal.substr(1, literal.size() - 2);
    }
    const std::string peer = format_peer(literal, port);

    // AI_NUMERICHOST: getaddrinfo only parses the literal (including an IPv6 zone such as
    // "fe80::1%eth0") and never asks a resolver.
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (literal.empty() || ::getaddrinfo(literal.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr) {
        out.status = failure(NetError::address, peer, "connect", "not an IPv4 or IPv6 address literal");
        return out;
    }
    const int fd = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        out.status = failure_from_errno(errno, peer, "connect");
        ::freeaddrinfo(found);
        return out;
    }
    Connection connection(fd, literal, port);

    const int rc = ::connect(fd, found->ai_addr, found->ai_addrlen);
    const int connect_errno = errno;
    ::freeaddrinfo(found);
    if (rc != 0 && connect_errno != EINPROGRESS && connect_errno != EINTR) {
        out.status = failure_from_errno(connect_errno, peer, "connect");
        return out;
    }
    if (rc != 0) {
        const Wait wait = wait_for(fd, POLLOUT, deadline);
        if (wait == Wait::timeout) {
            out.status = timed_out(peer, "connect");
            return out;
        }
        int err = 0;
        socklen_t length = sizeof err;
        if (wait == Wait::failed) {
            err = errno;
        } else if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &length) != 0) {
            err = errno;
        }
        if (err != 0) {
            out.status = failure_from_errno(err, peer, "connect");
            return out;
        }
    }
    out.connection = std::move(connection);
    return out;
}

ConnectResult connect_first(const std::vector<std::string>& addresses, std::uint16_t port, const Deadline& deadline) {
    if (addresses.empty()) {
        return {Connection(), {NetError::address, "no address to connect to"}};
    }
    std::vector<std::string> failures;
    NetStatus last;
    for (std::size_t i = 0; i < addresses.size(); ++i) {
        const auto share = deadline.remaining() / static_cast<long>(addresses.size() - i);
        ConnectResult attempt = connect(addresses[i], port, deadline.within(share));
        if (attempt.status.ok()) {
            return attempt;
        }
        failures.push_back(attempt.status.message);
        last = std::move(attempt.status);
    }
    last.message = join(failures, "; ");
    return {Connection(), std::move(last)};
}

Connection connect_endpoint(facts::TlsEndpoint& endpoint, const std::vector<std::string>& addresses,
                            const Deadline& deadline) {
    if (addresses.empty()) {
        endpoint.outcome = facts::TransportOutcome::not_resolved;
        endpoint.error = "no address to connect to for " + endpoint.host;
        return {};
    }
    const auto start = Deadline::Clock::now();
    ConnectResult connected = connect_first(addresses, endpoint.port, deadline);
    endpoint.connect_ms = milliseconds_since(start);
    if (!connected.status.ok()) {
        endpoint.outcome = transport_outcome(connected.status.error);
        endpoint.error = connected.status.message;
        return {};
    }
    endpoint.address = connected.connection.address();
    return std::move(connected.connection);
}

facts::TransportOutcome transport_outcome(NetError error) {
    using facts::TransportOutcome;
    switch (error) {
        case NetError::none:
            return TransportOutcome::established;
        case NetError::address:
            return TransportOutcome::not_resolved;
        case NetError::refused:
            return TransportOutcome::refused;
        case NetError::timeout:
            return TransportOutcome::timeout;
        case NetError::reset:
        case NetError::closed:
            return TransportOutcome::reset;
        case NetError::unreachable:
        case NetError::failed:
            break;
    }
    return TransportOutcome::unreachable;
}

}  // namespace mra::probe::net
