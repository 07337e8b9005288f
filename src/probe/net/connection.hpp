#pragma once
// A TCP connection on plain POSIX sockets where every step is bounded by a Deadline (every probe
// obeys the run's deadline, none throws: docs/ARCHITECTURE.md, "The rules between the layers").
// Only literal IPv4/IPv6 addresses are accepted: names are resolved by the DNS probe against the
// resolver under test, never by the system resolver. The TLS, SIP and XMPP probes run over it (XMPP
// first in plaintext, then STARTTLS on the same one).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "facts/tls.hpp"
#include "util/deadline.hpp"

namespace mra::probe::net {

enum class NetError {
    none,
    address,      // not a literal IPv4/IPv6 address (or no address at all)
    refused,      // RST in answer to the SYN: nothing listens there
    unreachable,  // no route, host or network unreachable
    timeout,      // the deadline passed first
    reset,        // RST on an established connection
    closed,       // the peer had closed (EPIPE), or this connection is not open
    failed,       // anything else the system refused (out of descriptors, …)
};

struct NetStatus {
    NetError error = NetError::none;
    std::string message;  // one line naming the peer, empty when ok
    bool ok() const { return error == NetError::none; }
};

struct Received {
    std::vector<std::uint8_t> bytes;  // empty with an ok status: the peer closed in order (FIN)
    NetStatus status;
};

// Move-only; the destructor closes the socket.
class Connection {
public:
    Connection() = default;
    // Adopts a connected socket (e.g. from accept(), in tests): non-blocking, Nagle off.
    Connection(int fd, std::string address, std::uint16_t port);
    ~Connection();
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool is_open() const { return m_fd >= 0; }
    const std::string& address() const { return m_address; }
    std::uint16_t port() const { return m_port; }
    std::string peer() const;  // "192.0.2.1:8443", "[2001:db8::1]:5061"
    int native_handle() const { return m_fd; }

    // Everything is sent, or the status says why not.
    NetStatus send_all(std::span<const std::uint8_t> bytes, const Deadline& deadline);
    NetStatus send_all(std::string_view text, const Deadline& deadline);
    // Whatever has arrived (at most `limit` bytes) as soon as anything has; empty on orderly close.
    Received receive_some(const Deadline& deadline, std::size_t limit = 16 * 1024);
    void close();

private:
    int m_fd = -1;
    std::string m_address;
    std::uint16_t m_port = 0;
};

struct ConnectResult {
    Connection connection;  // open when status.ok()
    NetStatus status;
};

// Non-blocking connect (RFC 793 three-way handshake) to a literal address, given up at the deadline.
ConnectResult connect(const std::string& address, std::uint16_t port, const Deadline& deadline);

// The addresses in order until one connects. Each attempt gets an equal share of the time that is
// left, so one black-holed address cannot use up the deadline of those after it (the concern of
// RFC 8305 §5, without racing). A refused attempt costs nothing and leaves its share to the next.
// On failure the status has the last error and a message naming every address tried.
ConnectResult connect_first(const std::vector<std::string>& addresses, std::uint16_t port, const Deadline& deadline);

// How a transport failure reads in the facts (`established` for NetError::none).
facts::TransportOutcome transport_outcome(NetError error);

// The first step of the TLS, SIP and XMPP probes: connect_first to `endpoint`'s port, recording in
// `endpoint` how long it took and the address connected to, or the outcome and error when no address
// connected (not_resolved when there was none to try). The connection is open only on success.
Connection connect_endpoint(facts::TlsEndpoint& endpoint, const std::vector<std::string>& addresses,
                            const Deadline& deadline);

}  // namespace mra::probe::net
