#pragma once
// A real DNS server for tests: UDP and TCP on one ephemeral port of a loopback address, answering
// in a thread of its own. Not a mock — the probe reaches it over real sockets through ldns; ldns
// only builds and reads its packets. Two ways to drive it:
//
//   TestDnsServer server(dns_zone({"_collab-edge._tls.example.com. SRV 10 10 8443 expe1.example.com.",
//                                  "expe1.example.com. A 192.0.2.10"}));
//   TestDnsServer server([](const DnsRequest& request) { return dns_reply(request, LDNS_RCODE_SERVFAIL); });
//
// then ask `server.resolver()`. A handler may also answer with silence, raw bytes, after a delay, or
// over TCP a byte at a time.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "facts/dns_names.hpp"
#include "probe/dns/ldns.hpp"
#include "probe/dns/resolver.hpp"

namespace mra::test {

using probe::dns::LdnsOwned;

struct DnsRequest {
    std::vector<std::uint8_t> wire;  // the query as received (without the TCP length prefix)
    bool tcp = false;
    std::uint16_t id = 0;
    std::string name;                 // lower case, without the trailing dot
    std::string type;                 // "SRV", "A", …
    std::uint16_t edns_udp_size = 0;  // 0: no EDNS in the query, so a UDP answer must fit in 512 bytes
};

struct DnsResponse {
    enum class Kind { silence, packet, raw };
    Kind kind = Kind::silence;
    std::vector<std::uint8_t> bytes;  // packet: a DNS message (length-prefixed over TCP); raw: sent as is
    std::chrono::milliseconds delay{0};
    std::chrono::milliseconds drip{0};  // over TCP, when set: one byte, then the next after this long
};

using DnsHandler = std::function<DnsResponse(const DnsRequest&)>;

struct DnsReplyOptions {
    bool truncated = false;                    // set TC
    std::optional<std::uint16_t> id = {};      // another ID than the query's
    std::optional<std::string> question = {};  // another question name than the query's
    std::chrono::milliseconds delay{0};
};

inline DnsResponse dns_silence() {
    return {};
}

inline DnsResponse dns_raw(std::string_view bytes) {
    return {DnsResponse::Kind::raw, std::vector<std::uint8_t>(bytes.begin(), bytes.end())};
}

// A reply to `request` with `rcode` and `answers` (zone-file lines) in the answer section.
inline DnsResponse dns_reply(const DnsRequest& request, ldns_pkt_rcode rcode,
                             const std::vector<std::string>& answers = {}, const DnsReplyOptions& options = {}) {
    ldns_pkt* parsed = nullptr;
    if (ldns_wire2pkt(&parsed, request.wire.data(), request.wire.size()) != LDNS_STATUS_OK)
        throw std::runtime_error("test DNS server: cannot parse the query");
    const LdnsOwned<ldns_pkt> query(parsed);
    const LdnsOwned<ldns_pkt> reply(ldns_pkt_new());
    ldns_pkt_set_id(reply.get(), options.id.value_or(ldns_pkt_id(query.get())));
    ldns_pkt_set_qr(reply.get(), true);
    ldns_pkt_set_aa(reply.get(), true);
    ldns_pkt_set_rd(reply.get(), ldns_pkt_rd(query.get()));
    ldns_pkt_set_ra(reply.get(), true);
    ldns_pkt_set_tc(reply.get(), options.truncated);
    ldns_pkt_set_rcode(reply.get(), static_cast<std::uint8_t>(rcode));
    const ldns_rr_list* questions = ldns_pkt_question(query.get());
    for (std::size_t i = 0; questions && i < ldns_rr_list_rr_count(questions); ++i) {
        ldns_rr* question = ldns_rr_clone(ldns_rr_list_rr(questions, i));
        if (options.question) {
            ldns_rdf_deep_free(ldns_rr_owner(question));  // ldns_rr_set_owner does not free the old one
            ldns_rr_set_owner(question, ldns_dname_new_frm_str(options.question->c_str()));
        }
        ldns_pkt_push_rr(reply.get(), LDNS_SECTION_QUESTION, question);
    }
    for (const auto& line : answers) {
        ldns_rr* rr = nullptr;
        if (ldns_rr_new_frm_str(&rr, line.c_str(), 300, nullptr, nullptr) != LDNS_STATUS_OK)
            throw std::invalid_argument("test DNS server: not a resource record: " + line);
        ldns_pkt_push_rr(reply.get(), LDNS_SECTION_ANSWER, rr);
    }
    std::uint8_t* wire = nullptr;
    std::size_t size = 0;
    if (ldns_pkt2wire(&wire, reply.get(), &size) != LDNS_STATUS_OK)
        throw std::runtime_error("test DNS server: cannot encode the reply");
    const LdnsOwned<std::uint8_t> owned(wire);
    return {DnsResponse::Kind::packet, std::vector<std::uint8_t>(wire, wire + size), options.delay};
}

// A tiny authoritative server for `records` (zone-file lines with absolute names): the records of
// the asked name and type, following CNAMEs inside the zone; NODATA when the name exists (or is an
// empty non-terminal) without that type; NXDOMAIN otherwise. Over UDP an answer longer than 512
// bytes (or the query's EDNS size) goes out empty with TC set, as RFC 1035 §4.2.1 servers do.
inline DnsHandler dns_zone(const std::vector<std::string>& records, std::chrono::milliseconds delay = {}) {
    struct Record {
        std::string owner, type, line;
    };
    std::vector<Record> zone;
    for (const auto& line : records) {
        ldns_rr* parsed = nullptr;
        if (ldns_rr_new_frm_str(&parsed, line.c_str(), 300, nullptr, nullptr) != LDNS_STATUS_OK)
            throw std::invalid_argument("test DNS zone: not a resource record: " + line);
        const LdnsOwned<ldns_rr> rr(parsed);
        const LdnsOwned<char> owner(ldns_rdf2str(ldns_rr_owner(rr.get())));
        const LdnsOwned<char> type(ldns_rr_type2str(ldns_rr_get_type(rr.get())));
        zone.push_back({mra::facts::dns::canonical_name(owner.get()), type.get(), line});
    }
    return [zone, delay](const DnsRequest& request) {
        std::vector<std::string> answers;
        std::string name = request.name;
        bool found = false;
        for (int step = 0; step < 8 && !found; ++step) {
            std::optional<std::string> alias;
            for (const auto& record : zone) {
                if (record.owner != name) continue;
                if (record.type == request.type) {
                    answers.push_back(record.line);
                    found = true;
                } else if (record.type == "CNAME" && !alias) {
                    answers.push_back(record.line);
                    alias = record.line;
                }
            }
            if (found || !alias) break;
            ldns_rr* parsed = nullptr;
            ldns_rr_new_frm_str(&parsed, alias->c_str(), 300, nullptr, nullptr);
            const LdnsOwned<ldns_rr> rr(parsed);
            const LdnsOwned<char> target(ldns_rdf2str(ldns_rr_rdf(rr.get(), 0)));
            name = mra::facts::dns::canonical_name(target.get());
        }
        const bool exists = std::any_of(zone.begin(), zone.end(), [&](const Record& record) {
            return record.owner == name || record.owner.ends_with("." + name);
        });
        DnsResponse response =
            dns_reply(request, exists || found ? LDNS_RCODE_NOERROR : LDNS_RCODE_NXDOMAIN, answers, {.delay = delay});
        const std::size_t limit = request.edns_udp_size ? request.edns_udp_size : 512;
        if (!request.tcp && response.bytes.size() > limit)
            response = dns_reply(request, LDNS_RCODE_NOERROR, {}, {.truncated = true, .delay = delay});
        return response;
    };
}

class TestDnsServer {
public:
    // Listens on `address` (IPv4 or IPv6) at one ephemeral port, UDP and — unless `with_tcp` is false,
    // leaving that port closed for TCP — TCP. std::runtime_error when it cannot.
    explicit TestDnsServer(DnsHandler handler, const std::string& address = "127.0.0.1", bool with_tcp = true)
        : m_handler(std::move(handler)), m_address(address) {
        if (pipe(m_wake) != 0) throw std::runtime_error("test DNS server: pipe failed");
        for (int attempt = 0; attempt < 20 && m_port == 0; ++attempt) bind_sockets(with_tcp);
        if (m_port == 0) {
            close_all();
            throw std::runtime_error("test DNS server: cannot listen on " + address);
        }
        m_thread = std::thread([this] { serve(); });
    }

    ~TestDnsServer() {
        [[maybe_unused]] const auto written = write(m_wake[1], "x", 1);
        m_thread.join();
        close_all();
    }

    TestDnsServer(const TestDnsServer&) = delete;
    TestDnsServer& operator=(const TestDnsServer&) = delete;

    std::uint16_t port() const { return m_port; }
    probe::dns::ResolverAddress resolver() const { return probe::dns::parse_resolver(text()); }
    std::string text() const {  // for --resolver: "127.0.0.1:40123", "[::1]:40123"
        return (m_address.find(':') != std::string::npos ? "[" + m_address + "]" : m_address) + ":" +
               std::to_string(m_port);
    }
    std::size_t udp_requests() const { return m_udp_requests; }
    std::size_t tcp_requests() const { return m_tcp_requests; }

private:
    struct Connection {
        int fd = -1;
        std::vector<std::uint8_t> buffer;
    };
    struct Pending {
        std::chrono::steady_clock::time_point due;
        bool tcp = false;
        std::chrono::milliseconds drip{0};
        int fd = -1;
        sockaddr_storage peer{};
        socklen_t peer_length = 0;
        std::vector<std::uint8_t> bytes;
    };

    static socklen_t make_address(const std::string& host, std::uint16_t port, sockaddr_storage& storage) {
        std::memset(&storage, 0, sizeof storage);
        auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
        auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
        if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
            v4->sin_family = AF_INET;
            v4->sin_port = htons(port);
            return sizeof(sockaddr_in);
        }
        if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons(port);
            return sizeof(sockaddr_in6);
        }
        throw std::runtime_error("test DNS server: not an address: " + host);
    }

    // UDP first on port 0; then TCP on the port the kernel chose (taken by another TCP socket: retry).
    void bind_sockets(bool with_tcp) {
        sockaddr_storage address;
        socklen_t length = make_address(m_address, 0, address);
        const int udp = socket(address.ss_family, SOCK_DGRAM, 0);
        if (udp < 0 || bind(udp, reinterpret_cast<sockaddr*>(&address), length) != 0) {
            if (udp >= 0) close(udp);
            return;
        }
        getsockname(udp, reinterpret_cast<sockaddr*>(&address), &length);
        const std::uint16_t port =
            ntohs(address.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&address)->sin_port
                                               : reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
        int tcp = -1;
        if (with_tcp) {
            tcp = socket(address.ss_family, SOCK_STREAM, 0);
            const int on = 1;
            setsockopt(tcp, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
            if (tcp < 0 || bind(tcp, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(tcp, 16) != 0) {
                if (tcp >= 0) close(tcp);
                close(udp);
                return;
            }
        }
        m_udp = udp;
        m_tcp = tcp;
        m_port = port;
    }

    void close_all() {
        for (int fd : {m_udp, m_tcp, m_wake[0], m_wake[1]})
            if (fd >= 0) close(fd);
        for (auto& connection : m_connections) close(connection.fd);
        m_connections.clear();
    }

    static std::optional<DnsRequest> parse(const std::uint8_t* data, std::size_t size, bool tcp) {
        ldns_pkt* parsed = nullptr;
        if (ldns_wire2pkt(&parsed, data, size) != LDNS_STATUS_OK) return std::nullopt;
        const LdnsOwned<ldns_pkt> query(parsed);
        const ldns_rr_list* questions = ldns_pkt_question(query.get());
        if (!questions || ldns_rr_list_rr_count(questions) == 0) return std::nullopt;
        const ldns_rr* question = ldns_rr_list_rr(questions, 0);
        const LdnsOwned<char> name(ldns_rdf2str(ldns_rr_owner(question)));
        const LdnsOwned<char> type(ldns_rr_type2str(ldns_rr_get_type(question)));
        return DnsRequest{
            std::vector<std::uint8_t>(data, data + size), tcp,        ldns_pkt_id(query.get()),
            mra::facts::dns::canonical_name(name.get()),  type.get(), ldns_pkt_edns_udp_size(query.get())};
    }

    // Runs the handler and queues what it says, framed for the transport.
    void respond(const std::uint8_t* data, std::size_t size, Pending destination) {
        const auto request = parse(data, size, destination.tcp);
        if (!request) return;
        ++(destination.tcp ? m_tcp_requests : m_udp_requests);
        DnsResponse response;
        try {
            response = m_handler(*request);
        } catch (const std::exception& error) {  // a broken test handler: say so, answer nothing
            std::fprintf(stderr, "test DNS server: handler failed: %s\n", error.what());
        }
        if (response.kind == DnsResponse::Kind::silence) return;
        destination.due = std::chrono::steady_clock::now() + response.delay;
        if (destination.tcp) destination.drip = response.drip;
        if (destination.tcp && response.kind == DnsResponse::Kind::packet) {
            destination.bytes = {static_cast<std::uint8_t>(response.bytes.size() >> 8),
                                 static_cast<std::uint8_t>(response.bytes.size() & 0xff)};
        }
        destination.bytes.insert(destination.bytes.end(), response.bytes.begin(), response.bytes.end());
        m_pending.push_back(std::move(destination));
    }

    void send_due() {
        const auto now = std::chrono::steady_clock::now();
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (it->due > now) {
                ++it;
                continue;
            }
            if (it->drip > std::chrono::milliseconds(0) && it->bytes.size() > 1) {
                [[maybe_unused]] const ssize_t sent = send(it->fd, it->bytes.data(), 1, MSG_NOSIGNAL);
                it->bytes.erase(it->bytes.begin());
                it->due = now + it->drip;
                ++it;
                continue;
            }
            // A peer that went away is the client's business; the server just moves on.
            [[maybe_unused]] const ssize_t sent = it->tcp
                                                      ? send(it->fd, it->bytes.data(), it->bytes.size(), MSG_NOSIGNAL)
                                                      : sendto(it->fd, it->bytes.data(), it->bytes.size(), 0,
                                                               reinterpret_cast<sockaddr*>(&it->peer), it->peer_length);
            it = m_pending.erase(it);
        }
    }

    int poll_timeout() const {
        if (m_pending.empty()) return -1;
        const auto due = std::min_element(m_pending.begin(), m_pending.end(), [](const Pending& a, const Pending& b) {
                             return a.due < b.due;
                         })->due;
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(due - std::chrono::steady_clock::now());
        return static_cast<int>(std::max<std::int64_t>(0, wait.count()));
    }

    void read_udp() {
        std::uint8_t buffer[65536];
        Pending destination;
        destination.fd = m_udp;
        destination.peer_length = sizeof destination.peer;
        const ssize_t size = recvfrom(m_udp, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&destination.peer),
                                      &destination.peer_length);
        if (size > 0) respond(buffer, static_cast<std::size_t>(size), std::move(destination));
    }

    // Reads what arrived; answers every complete length-prefixed message. False: the peer is gone.
    bool read_tcp(Connection& connection) {
        std::uint8_t buffer[4096];
        const ssize_t size = recv(connection.fd, buffer, sizeof buffer, 0);
        if (size <= 0) return false;
        connection.buffer.insert(connection.buffer.end(), buffer, buffer + size);
        while (connection.buffer.size() >= 2) {
            const std::size_t length = (std::size_t(connection.buffer[0]) << 8) | connection.buffer[1];
            if (connection.buffer.size() < 2 + length) break;
            Pending destination;
            destination.tcp = true;
            destination.fd = connection.fd;
            respond(connection.buffer.data() + 2, length, std::move(destination));
            connection.buffer.erase(connection.buffer.begin(), connection.buffer.begin() + 2 + std::ptrdiff_t(length));
        }
        return true;
    }

    void serve() {
        for (;;) {
            std::vector<pollfd> fds{{m_wake[0], POLLIN, 0}, {m_udp, POLLIN, 0}};
            if (m_tcp >= 0) fds.push_back({m_tcp, POLLIN, 0});
            const std::size_t first_connection = fds.size();
            for (const auto& connection : m_connections) fds.push_back({connection.fd, POLLIN, 0});
            if (poll(fds.data(), fds.size(), poll_timeout()) < 0) continue;
            if (fds[0].revents) return;
            if (fds[1].revents & POLLIN) read_udp();
            if (m_tcp >= 0 && (fds[2].revents & POLLIN)) {
                const int accepted = accept(m_tcp, nullptr, nullptr);
                if (accepted >= 0) m_connections.push_back({accepted, {}});
            }
            for (std::size_t i = first_connection; i < fds.size(); ++i) {
                if (!fds[i].revents) continue;
                auto connection = std::find_if(m_connections.begin(), m_connections.end(),
                                               [&](const Connection& c) { return c.fd == fds[i].fd; });
                if (connection == m_connections.end() || read_tcp(*connection)) continue;
                const int fd = connection->fd;
                std::erase_if(m_pending, [fd](const Pending& pending) { return pending.tcp && pending.fd == fd; });
                close(fd);
                m_connections.erase(connection);
            }
            send_due();
        }
    }

    DnsHandler m_handler;
    std::string m_address;
    int m_wake[2] = {-1, -1};
    int m_udp = -1;
    int m_tcp = -1;
    std::uint16_t m_port = 0;
    std::vector<Connection> m_connections;
    std::vector<Pending> m_pending;
    std::atomic<std::size_t> m_udp_requests{0};
    std::atomic<std::size_t> m_tcp_requests{0};
    std::thread m_thread;
};

}  // namespace mra::test
