#pragma once
// What a fault peer does on one TCP port, for the fault-injection tests: where the bytes it says
// come from — nothing, a canned reply, an endless stream, or the real server behind it — and how
// they reach the client: whole, stalled or reset after some bytes, or dripped a byte at a time; in
// the clear or inside TLS, so that a fault can strike the handshake or the protocol spoken over it.
//
//   play({.source = relay("127.0.10.2", 8443), .delivery = Delivery::reset, .after = 100})
//       the real server's handshake, cut by an RST after its first 100 bytes;
//   play({.source = reply("SIP/2.0 200 OK\r\n\r\n"), .tls = identity})
//       a SIP answer to whatever is asked over TLS (HTTP on 8443, say);
//   play({.source = relay("127.0.10.2", 5222), .delivery = Delivery::stall, .after = 100, .past = proceed})
//       the real XMPP server's clear-text negotiation whole, then the first 100 bytes of its TLS
//       handshake after <proceed/>, and silence.
//
// play() makes a LoopbackServer handler of it; the peer answers each connection once, after the
// client's first bytes (a ClientHello, a request, a stream header).

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "probe/net/connection.hpp"
#include "tests/probe/net/loopback_server.hpp"
#include "tests/probe/tls/test_tls_server.hpp"
#include "util/deadline.hpp"

namespace mra::test::faults {

// Where the peer's bytes come from.
struct Source {
    enum class Kind { nothing, reply, endless, relay };
    Kind kind = Kind::nothing;
    std::string bytes;   // reply: the answer; endless: sent first
    std::string repeat;  // endless: sent after `bytes`, again and again, while the client reads
    std::string upstream_address;
    std::uint16_t upstream_port = 0;
};

inline Source nothing() {
    return {};
}
inline Source reply(std::string bytes) {
    return {.kind = Source::Kind::reply, .bytes = std::move(bytes)};
}
inline Source endless(std::string first, std::string repeat) {
    return {.kind = Source::Kind::endless, .bytes = std::move(first), .repeat = std::move(repeat)};
}
// What the real server at `address`:`port` says, to what the client says (a transparent proxy).
inline Source relay(std::string address, std::uint16_t port) {
    return {.kind = Source::Kind::relay, .upstream_address = std::move(address), .upstream_port = port};
}

enum class Delivery {
    whole,  // as fast as the client reads
    stall,  // the first `after` bytes, then nothing more: the connection stays open, silent
    reset,  // the first `after` bytes, then an RST
    drip,   // the first `after` bytes, then one byte per `interval`
};

struct Play {
    Source source;
    Delivery delivery = Delivery::whole;
    std::size_t after = 0;
    // When set, `after` counts from the end of this text's first occurrence in what the source says,
    // and all before it is delivered whole: a fault past a clear-text prelude (XMPP's <proceed/>, then
    // TLS on the same connection).
    std::string past;
    std::chrono::milliseconds interval{1000};
    // Speak inside TLS, presenting this identity: the fault strikes what is said over the session.
    std::optional<ServerIdentity> tls;
};

namespace detail {

// One connection of a play, client and (for a relay) upstream, polled together.
class Performance {
public:
    Performance(const Play& play, probe::net::Connection& client, const std::atomic<bool>& stopping)
        : m_play(play), m_client(client), m_stopping(stopping) {}

    void run() {
        if (m_play.source.kind == Source::Kind::relay) {
            auto connected = probe::net::connect(m_play.source.upstream_address, m_play.source.upstream_port,
                                                 Deadline(std::chrono::seconds(2)));
            if (!connected.status.ok()) return reset(m_client);  // what a client of a dead server behind sees
            m_upstream = std::move(connected.connection);
        }
        if (m_play.tls) m_tls.emplace(m_client, *m_play.tls, m_tls_settings, m_tls_log);
        // A bound for the test's sake: every client the tests run gives up long before.
        const Deadline end(std::chrono::seconds(60));
        while (!m_stopping && !end.expired() && !m_over) {
            wait(end);
            if (!read_client() || !read_upstream()) return;
            refill();
            deliver();
        }
    }

private:
    // Until either side has something, or the next drip is due; not at all while there are bytes to
    // deliver at once (sending blocks until the client reads: it sets the pace).
    void wait(const Deadline& end) {
        auto timeout = std::chrono::milliseconds(20);
        if (can_send_now())
            timeout = std::chrono::milliseconds(0);
        else if (m_play.delivery == Delivery::drip && !m_pending.empty())
            timeout = std::clamp(std::chrono::ceil<std::chrono::milliseconds>(m_next_drip - Deadline::Clock::now()),
                                 std::chrono::milliseconds(0), timeout);
        std::vector<pollfd> fds{{m_client.native_handle(), POLLIN, 0}};
        if (m_upstream.is_open()) fds.push_back({m_upstream.native_handle(), POLLIN, 0});
        ::poll(fds.data(), fds.size(), static_cast<int>(std::min(timeout, end.remaining()).count()));
    }

    // Bytes are due that the client can be sent without waiting: said already, or an endless
    // source's next.
    bool can_send_now() const {
        const bool endless = m_play.source.kind == Source::Kind::endless && m_asked && !m_play.source.repeat.empty();
        return (!m_pending.empty() || endless) && (m_play.delivery == Delivery::whole || m_sent < whole_bytes());
    }

    // False once the client has gone.
    bool read_client() {
        std::vector<std::uint8_t> bytes;
        if (m_tls) {
            auto received = m_tls->receive(Deadline(std::chrono::milliseconds(0)));
            if (!received) return false;
            bytes = std::move(*received);
        } else {
            auto received = m_client.receive_some(Deadline(std::chrono::milliseconds(0)));
            if (received.status.error != probe::net::NetError::timeout &&
                (!received.status.ok() || received.bytes.empty()))
                return false;
            bytes = std::move(received.bytes);
        }
        if (bytes.empty()) return true;
        if (m_upstream.is_open()) {
            m_upstream.send_all(bytes, Deadline(std::chrono::seconds(2)));
        } else if (!m_asked) {
            take(m_play.source.bytes);
        }
        m_asked = true;
        return true;
    }

    // False once the upstream has reset; its orderly close is passed on when all it said is.
    bool read_upstream() {
        if (!m_upstream.is_open()) return true;
        auto received = m_upstream.receive_some(Deadline(std::chrono::milliseconds(0)));
        if (received.status.error == probe::net::NetError::timeout) return true;
        if (!received.status.ok()) {
            reset(m_client);
            return false;
        }
        if (received.bytes.empty()) {
            m_upstream.close();
            m_upstream_closed = true;
        }
        take(std::string_view(reinterpret_cast<const char*>(received.bytes.data()), received.bytes.size()));
        return true;
    }

    // An endless source stays a little ahead of the client, never further: memory stays bounded.
    void refill() {
        if (m_play.source.kind != Source::Kind::endless || !m_asked || m_play.source.repeat.empty()) return;
        while (m_pending.size() < 64 * 1024) take(m_play.source.repeat);
    }

    // Bytes the source says, for delivery; notes where `past` ends in them.
    void take(std::string_view bytes) {
        if (!m_play.past.empty() && !m_past_end) {
            const std::size_t tail_start = m_said - m_tail.size();
            m_tail += bytes;
            if (const auto found = m_tail.find(m_play.past); found != std::string::npos)
                m_past_end = tail_start + found + m_play.past.size();
            else if (m_tail.size() >= m_play.past.size())
                m_tail.erase(0, m_tail.size() - m_play.past.size() + 1);
        }
        m_said += bytes.size();
        m_pending += bytes;
    }

    // How many bytes of the stream go whole before the fault strikes: all of them while `past` has
    // not been said.
    std::size_t whole_bytes() const {
        if (m_play.past.empty()) return m_play.after;
        return m_past_end ? *m_past_end + m_play.after : std::numeric_limits<std::size_t>::max();
    }

    void deliver() {
        const std::size_t whole_bytes = this->whole_bytes();
        const std::size_t whole_part = m_play.delivery == Delivery::whole ? m_pending.size()
                                       : m_sent < whole_bytes ? std::min(m_pending.size(), whole_bytes - m_sent)
                                                              : 0;
        if (whole_part > 0) send(whole_part);
        if (m_sent < whole_bytes && m_play.delivery != Delivery::whole) return;
        switch (m_play.delivery) {
            case Delivery::whole:
                break;
            case Delivery::stall:
                m_pending.clear();  // never said: nothing need be kept
                break;
            case Delivery::reset:
                if (!m_pending.empty() || (m_asked && whole_bytes == 0)) {
                    reset(m_client);
                    m_over = true;
                }
                return;
            case Delivery::drip:
                if (!m_pending.empty() && Deadline::Clock::now() >= m_next_drip) {
                    send(1);
                    m_next_drip = Deadline::Clock::now() + m_play.interval;
                }
                break;
        }
        if (m_upstream_closed && m_pending.empty() && !m_half_closed) {
            ::shutdown(m_client.native_handle(), SHUT_WR);
            m_half_closed = true;
        }
    }

    void send(std::size_t count) {
        const std::string_view part = std::string_view(m_pending).substr(0, count);
        const bool sent = m_tls
                              ? m_tls->send(std::span(reinterpret_cast<const std::uint8_t*>(part.data()), part.size()))
                              : m_client.send_all(part, Deadline(std::chrono::seconds(2))).ok();
        if (!sent) m_over = true;  // the client has gone
        m_pending.erase(0, count);
        m_sent += count;
    }

    const Play& m_play;
    probe::net::Connection& m_client;
    const std::atomic<bool>& m_stopping;
    probe::net::Connection m_upstream;
    TlsServerSettings m_tls_settings;
    TlsServerLog m_tls_log;
    std::optional<TlsServerChannel> m_tls;  // after the settings and log it refers to
    std::string m_pending;                  // said by the source, not yet delivered
    std::size_t m_said = 0;                 // bytes the source has said in all
    std::string m_tail;                     // its last bytes, while `past` is looked for
    std::optional<std::size_t> m_past_end;  // where in them `past` ends, once said
    std::size_t m_sent = 0;
    bool m_asked = false;  // the client has said something
    bool m_upstream_closed = false;
    bool m_half_closed = false;
    bool m_over = false;
    Deadline::Clock::time_point m_next_drip{};
};

}  // namespace detail

inline LoopbackServer::Handler play(Play play) {
    return [play = std::make_shared<const Play>(std::move(play))](probe::net::Connection& client,
                                                                  const std::atomic<bool>& stopping) {
        detail::Performance(*play, client, stopping).run();
    };
}

}  // namespace mra::test::faults
