#include "probe/dns/resolver.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>
#include <tuple>

#include "facts/dns_names.hpp"
#include "probe/dns/ldns.hpp"
#include "probe/net/connection.hpp"
#include "util/input_error.hpp"

namespace mra::probe::dns {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// ---- resolver addresses ---------------------------------------------------------------------

constexpr std::string_view accepted_forms = "expected ADDR, ADDR:PORT, [IPv6]:PORT or system";

InputError bad_resolver(std::string_view text, const std::string& why) {
    return InputError("resolver \"" + std::string(text) + "\": " + why);
}

std::uint16_t parse_port(std::string_view text, std::string_view port) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || error != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535)
        throw bad_resolver(text, "port \"" + std::string(port) + "\" is not a number from 1 to 65535");
    return static_cast<std::uint16_t>(value);
}

// The address in inet_ntop's spelling, or nullopt when `host` is not an address of `family`.
std::optional<std::string> numeric_address(std::string_view host, int family) {
    unsigned char binary[sizeof(in6_addr)];
    char text[INET6_ADDRSTRLEN];
    if (inet_pton(family, std::string(host).c_str(), binary) != 1) return std::nullopt;
    if (!inet_ntop(family, binary, text, sizeof text)) return std::nullopt;
    return std::string(text);
}

bool is_ipv6(const std::string& host) {
    return host.find(':') != std::string::npos;
}

ResolverAddress parse_address(std::string_view text) {
    std::string_view host = text;
    std::optional<std::uint16_t> port;
    int family = AF_INET;
    if (text.starts_with('[')) {  // [V6] or [V6]:PORT (RFC 3986 §3.2.2 brackets)
        const auto close = text.find(']');
        if (close == std::string_view::npos) throw bad_resolver(text, "no ']' after the IPv6 address");
        host = text.substr(1, close - 1);
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') throw bad_resolver(text, std::string(accepted_forms));
            port = parse_port(text, rest.substr(1));
        }
        family = AF_INET6;
    } else if (const auto colons = std::count(text.begin(), text.end(), ':'); colons == 1) {
        host = text.substr(0, text.find(':'));
        port = parse_port(text, text.substr(text.find(':') + 1));
    } else if (colons > 1) {  // a bare IPv6 address: its colons are not a port separator
        family = AF_INET6;
    }
    const auto address = numeric_address(host, family);
    if (!address)
        throw bad_resolver(text, "\"" + std::string(host) + "\" is not an IP" + (family == AF_INET6 ? "v6" : "v4") +
                                     " address (" + std::string(accepted_forms) +
                                     "; host names would need a resolver to find the resolver)");
    return {*address, port.value_or(53)};
}

// glibc's rule: the first `nameserver` line wins; '#' and ';' start comments (resolv.conf(5)).
ResolverAddress system_resolver(std::string_view text, const std::string& resolv_conf) {
    std::ifstream file(resolv_conf);
    if (!file) throw bad_resolver(text, "cannot read " + resolv_conf);
    for (std::string line; std::getline(file, line);) {
        line = line.substr(0, line.find_first_of("#;"));
        std::istringstream words(line);
        std::string keyword, value;
        if (!(words >> keyword >> value) || keyword != "nameserver") continue;
        try {
            return parse_address(value);
        } catch (const InputError& error) {
            throw bad_resolver(text, "the first nameserver of " + resolv_conf + " is unusable: " + error.what());
        }
    }
    throw bad_resolver(text, resolv_conf + " names no nameserver");
}

// ---- ldns plumbing --------------------------------------------------------------------------

std::string rdf_text(const ldns_rdf* rdf) {
    const LdnsOwned<char> text(ldns_rdf2str(rdf));
    return text ? std::string(text.get()) : std::string();
}

std::string name_text(const ldns_rdf* dname) {
    return facts::dns::canonical_name(rdf_text(dname));
}

std::string rcode_text(ldns_pkt_rcode rcode) {
    if (const ldns_lookup_table* known = ldns_lookup_by_id(ldns_rcodes, rcode)) return known->name;
    return "RCODE" + std::to_string(static_cast<int>(rcode));
}

timeval to_timeval(milliseconds limit) {
    return {static_cast<time_t>(limit.count() / 1000), static_cast<suseconds_t>((limit.count() % 1000) * 1000)};
}

// One resolver per query, so that no ldns state is shared between threads. ldns's own retries and
// its TC fallback are switched off: the tries and their timeouts come from our deadline, and the
// TCP repeat is ours (tcp_exchange) so that the facts can say it happened.
LdnsOwned<ldns_resolver> make_resolver(const ResolverAddress& address) {
    LdnsOwned<ldns_resolver> resolver(ldns_resolver_new());
    const LdnsOwned<ldns_rdf> nameserver(
        ldns_rdf_new_frm_str(is_ipv6(address.host) ? LDNS_RDF_TYPE_AAAA : LDNS_RDF_TYPE_A, address.host.c_str()));
    if (!resolver || !nameserver || ldns_resolver_push_nameserver(resolver.get(), nameserver.get()) != LDNS_STATUS_OK)
        return nullptr;
    ldns_resolver_set_port(resolver.get(), address.port);
    ldns_resolver_set_recursive(resolver.get(), true);
    ldns_resolver_set_fallback(resolver.get(), false);
    ldns_resolver_set_retry(resolver.get(), 1);
    ldns_resolver_set_retrans(resolver.get(), 0);
    ldns_resolver_set_random(resolver.get(), false);
    ldns_resolver_set_dnssec(resolver.get(), false);
    ldns_resolver_set_edns_udp_size(resolver.get(), 0);
    return resolver;
}

// ---- one exchange ---------------------------------------------------------------------------

constexpr milliseconds try_limit{2000};  // per UDP try, as glibc's default RES_TIMEOUT is 5 s and a run is short
constexpr int udp_tries = 3;
constexpr std::size_t max_cname_steps = 16;  // a CNAME loop in an answer must not loop us

struct Exchange {
    ldns_status status = LDNS_STATUS_ERR;
    LdnsOwned<ldns_pkt> reply;
    int error_number = 0;
    std::string reason;        // our own words for a transport failure, when we drove the transport
    std::size_t received = 0;  // bytes of a reply that did not complete
    milliseconds elapsed{0};
    milliseconds limit{0};
};

Exchange udp_exchange(ldns_resolver* resolver, ldns_pkt* question, milliseconds limit) {
    ldns_resolver_set_usevc(resolver, false);
    ldns_resolver_set_timeout(resolver, to_timeval(limit));
    // ldns marks a nameserver that failed once as unreachable for the resolver's lifetime.
    ldns_resolver_set_nameserver_rtt(resolver, 0, LDNS_RESOLV_RTT_MIN);
    Exchange result;
    result.limit = limit;
    ldns_pkt* reply = nullptr;
    const auto start = Clock::now();
    errno = 0;
    result.status = ldns_resolver_send_pkt(&reply, resolver, question);
    result.error_number = errno;
    result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    result.reply.reset(result.status == LDNS_STATUS_OK ? reply : nullptr);
    if (result.status != LDNS_STATUS_OK && reply) ldns_pkt_free(reply);
    return result;
}

// "reset by peer" out of "192.0.2.1:53: receive: Connection reset by peer": the peer is named
// by the caller.
std::string without_peer(const net::NetStatus& status) {
    const auto colon = status.message.find(": ");
    return colon == std::string::npos ? status.message : status.message.substr(colon + 2);
}

// DNS over TCP (RFC 1035 §4.2.2): the query after its two-byte length, then the reply's length and
// the reply, the whole exchange within `limit`. Not ldns's, which waits up to its timeout for each
// read: a server that drips a byte a second would hold it for as long as it pleased.
Exchange tcp_exchange(const ResolverAddress& address, const ldns_pkt* question, milliseconds limit) {
    Exchange result;
    result.limit = limit;
    const auto start = Clock::now();
    const Deadline deadline(limit);
    const auto failed = [&](const net::NetStatus& status) {
        result.status = LDNS_STATUS_NETWORK_ERR;
        result.reason = without_peer(status);
        result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
        return std::move(result);
    };
    std::uint8_t* wire = nullptr;
    std::size_t size = 0;
    if (ldns_pkt2wire(&wire, question, &size) != LDNS_STATUS_OK) {
        result.status = LDNS_STATUS_MEM_ERR;
        return result;
    }
    const LdnsOwned<std::uint8_t> owned(wire);
    std::vector<std::uint8_t> message{static_cast<std::uint8_t>(size >> 8), static_cast<std::uint8_t>(size & 0xff)};
    message.insert(message.end(), wire, wire + size);

    net::ConnectResult connected = net::connect(address.host, address.port, deadline);
    if (!connected.status.ok()) return failed(connected.status);
    if (const auto sent = connected.connection.send_all(message, deadline); !sent.ok()) return failed(sent);
    std::vector<std::uint8_t> reply;
    std::size_t wanted = 2;  // the length first, then the message it announces
    while (reply.size() < wanted) {
        const net::Received received = connected.connection.receive_some(deadline, wanted - reply.size());
        if (!received.status.ok()) {
            result.received = reply.size();
            return failed(received.status);
        }
        if (received.bytes.empty()) {
            return failed({net::NetError::closed,
                           "the server closed the connection after " + std::to_string(reply.size()) + " of " +
                               (wanted == 2 ? std::string("the reply's") : std::to_string(wanted)) + " bytes"});
        }
        reply.insert(reply.end(), received.bytes.begin(), received.bytes.end());
        if (wanted == 2 && reply.size() == 2) wanted += (std::size_t(reply[0]) << 8) | reply[1];
    }
    ldns_pkt* parsed = nullptr;
    result.status = ldns_wire2pkt(&parsed, reply.data() + 2, reply.size() - 2);
    result.reply.reset(result.status == LDNS_STATUS_OK ? parsed : nullptr);
    if (result.status != LDNS_STATUS_OK && parsed) ldns_pkt_free(parsed);
    result.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    return result;
}

// ldns reports transport failures with these; every other status is a reply it could not decode.
bool is_transport_failure(ldns_status status) {
    return status == LDNS_STATUS_NETWORK_ERR || status == LDNS_STATUS_ERR || status == LDNS_STATUS_SOCKET_ERROR ||
           status == LDNS_STATUS_RES_NO_NS || status == LDNS_STATUS_MEM_ERR;
}

// ldns says LDNS_STATUS_NETWORK_ERR both when poll() ran out of time and when recv() failed, so the
// clock decides: a failure that took the whole try is a timeout, an earlier one a network error.
bool timed_out(const Exchange& exchange) {
    return is_transport_failure(exchange.status) && exchange.elapsed + milliseconds(5) >= exchange.limit;
}

// RFC 5452 §9.1: a reply counts only when its ID and question match the query. ldns checks neither
// (it takes the first datagram that arrives), so a mismatch is judged here, as malformed.
std::string mismatch(const ldns_pkt* reply, const ldns_pkt* question) {
    if (ldns_pkt_id(reply) != ldns_pkt_id(question))
        return "reply ID " + std::to_string(ldns_pkt_id(reply)) + " does not match query ID " +
               std::to_string(ldns_pkt_id(question));
    if (!ldns_pkt_qr(reply)) return "the reply is not marked as a response (QR bit clear)";
    const ldns_rr_list* asked = ldns_pkt_question(question);
    const ldns_rr_list* echoed = ldns_pkt_question(reply);
    const std::size_t count = echoed ? ldns_rr_list_rr_count(echoed) : 0;
    // Some servers leave the question out of error replies; an answer must carry it.
    if (count == 0) return ldns_pkt_get_rcode(reply) == LDNS_RCODE_NOERROR ? "the reply has no question section" : "";
    const ldns_rr* mine = ldns_rr_list_rr(asked, 0);
    const ldns_rr* theirs = ldns_rr_list_rr(echoed, 0);
    if (count != 1 || ldns_dname_compare(ldns_rr_owner(mine), ldns_rr_owner(theirs)) != 0 ||
        ldns_rr_get_type(mine) != ldns_rr_get_type(theirs) || ldns_rr_get_class(mine) != ldns_rr_get_class(theirs))
        return "the reply answers another question (" + name_text(ldns_rr_owner(theirs)) + ")";
    return "";
}

// Reads the answer section: the CNAME chain from the asked name (RFC 1034 §3.6.2), then the records
// of the asked type at its end.
void read_answer(const ldns_pkt* reply, ldns_rr_type type, facts::DnsQuery& result) {
    const ldns_rr_list* answer = ldns_pkt_answer(reply);
    const std::size_t count = answer ? ldns_rr_list_rr_count(answer) : 0;
    auto records_at = [&](const std::string& owner, ldns_rr_type wanted) {
        std::vector<const ldns_rr*> found;
        for (std::size_t i = 0; i < count; ++i) {
            const ldns_rr* rr = ldns_rr_list_rr(answer, i);
            if (ldns_rr_get_type(rr) == wanted && ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
                name_text(ldns_rr_owner(rr)) == owner)
                found.push_back(rr);
        }
        return found;
    };

    std::string owner = result.name;
    if (type != LDNS_RR_TYPE_CNAME) {
        for (std::size_t step = 0; step < max_cname_steps; ++step) {
            const auto alias = records_at(owner, LDNS_RR_TYPE_CNAME);
            if (alias.empty() || ldns_rr_rd_count(alias.front()) < 1) break;
            const std::string target = name_text(ldns_rr_rdf(alias.front(), 0));
            result.cnames.push_back(owner + " -> " + target);
            owner = target;
        }
    }
    for (const ldns_rr* rr : records_at(owner, type)) {
        if (type == LDNS_RR_TYPE_SRV && ldns_rr_rd_count(rr) == 4) {
            result.srv.push_back({ldns_rdf2native_int16(ldns_rr_rdf(rr, 0)), ldns_rdf2native_int16(ldns_rr_rdf(rr, 1)),
                                  ldns_rdf2native_int16(ldns_rr_rdf(rr, 2)), name_text(ldns_rr_rdf(rr, 3))});
        } else if ((type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_AAAA) && ldns_rr_rd_count(rr) == 1) {
            result.addresses.push_back(rdf_text(ldns_rr_rdf(rr, 0)));
        } else if (type == LDNS_RR_TYPE_CNAME && ldns_rr_rd_count(rr) == 1) {
            result.cnames.push_back(owner + " -> " + name_text(ldns_rr_rdf(rr, 0)));
        }
    }
    // RFC 2782 orders by priority, lowest first, and leaves equal priorities to a weighted random
    // choice; for a stable report the heavier weight comes first, then the target and port.
    std::sort(result.srv.begin(), result.srv.end(), [](const facts::SrvRecord& a, const facts::SrvRecord& b) {
        return std::tie(a.priority, b.weight, a.target, a.port) < std::tie(b.priority, a.weight, b.target, b.port);
    });
    std::sort(result.addresses.begin(), result.addresses.end());  // servers rotate them; reports must not
    facts::keep_first(result.srv, "SRV records", result.cuts);
    facts::keep_first(result.addresses, result.type + " records", result.cuts);
}

void classify_reply(const ldns_pkt* reply, const ldns_pkt* question, ldns_rr_type type, facts::DnsQuery& result) {
    if (const std::string problem = mismatch(reply, question); !problem.empty()) {
        result.outcome = facts::DnsOutcome::malformed;
        result.error = problem;
        return;
    }
    const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(reply);
    result.rcode = rcode_text(rcode);
    switch (rcode) {
        case LDNS_RCODE_NOERROR: {
            read_answer(reply, type, result);
            const bool found = !result.srv.empty() || !result.addresses.empty() ||
                               (type == LDNS_RR_TYPE_CNAME && !result.cnames.empty());
            result.outcome = found ? facts::DnsOutcome::answer : facts::DnsOutcome::nodata;
            return;
        }
        case LDNS_RCODE_NXDOMAIN:
            read_answer(reply, type, result);  // keeps the CNAME steps that led to the missing name
            result.outcome = facts::DnsOutcome::nxdomain;
            return;
        case LDNS_RCODE_SERVFAIL:
            result.outcome = facts::DnsOutcome::servfail;
            return;
        case LDNS_RCODE_REFUSED:
            result.outcome = facts::DnsOutcome::refused;
            return;
        default:
            result.outcome = facts::DnsOutcome::other_rcode;
            return;
    }
}

// `waited`: the time every try of this transport took together.
void classify_failure(const Exchange& exchange, const ResolverAddress& address, std::string_view transport, int tries,
                      milliseconds waited, facts::DnsQuery& result) {
    const std::string where = address.text() + " over " + std::string(transport);
    if (timed_out(exchange)) {
        result.outcome = facts::DnsOutcome::timeout;
        result.error = (exchange.received ? "only " + std::to_string(exchange.received) + " bytes of an answer from "
                                          : "no answer from ") +
                       where + (tries > 1 ? " in " + std::to_string(tries) + " tries" : "") + " within " +
                       std::to_string(waited.count()) + " ms";
    } else if (is_transport_failure(exchange.status)) {
        result.outcome = facts::DnsOutcome::network_error;
        result.error = where + ": " +
                       (!exchange.reason.empty()     ? exchange.reason
                        : exchange.error_number != 0 ? std::strerror(exchange.error_number)
                                                     : ldns_get_errorstr_by_id(exchange.status));
    } else {
        result.outcome = facts::DnsOutcome::malformed;
        result.error = "unreadable reply from " + where + ": " + ldns_get_errorstr_by_id(exchange.status);
    }
}

}  // namespace

std::string ResolverAddress::text() const {
    return (is_ipv6(host) ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

ResolverAddress parse_resolver(std::string_view text, const std::string& resolv_conf) {
    return text == "system" ? system_resolver(text, resolv_conf) : parse_address(text);
}

facts::DnsQuery query(const ResolverAddress& address, facts::DnsView view, std::string_view name, std::string_view type,
                      Deadline deadline) {
    const auto start = Clock::now();
    facts::DnsQuery result;
    result.view = view;
    result.resolver = address.text();
    result.name = facts::dns::canonical_name(name);
    result.type = std::string(type);
    std::transform(result.type.begin(), result.type.end(), result.type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    auto finish = [&]() -> facts::DnsQuery {
        result.duration_ms = std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
        return std::move(result);
    };
    auto refuse = [&](facts::DnsOutcome outcome, std::string error) {
        result.outcome = outcome;
        result.error = std::move(error);
        return finish();
    };

    try {
        const ldns_rr_type rr_type = ldns_get_rr_type_by_name(result.type.c_str());
        if (rr_type != LDNS_RR_TYPE_SRV && rr_type != LDNS_RR_TYPE_A && rr_type != LDNS_RR_TYPE_AAAA &&
            rr_type != LDNS_RR_TYPE_CNAME)
            return refuse(facts::DnsOutcome::malformed, "cannot ask for type \"" + result.type + "\"");
        const LdnsOwned<ldns_rdf> qname(ldns_dname_new_frm_str(result.name.c_str()));
        if (!qname) return refuse(facts::DnsOutcome::malformed, "\"" + result.name + "\" is not a valid DNS name");
        const LdnsOwned<ldns_resolver> resolver = make_resolver(address);
        if (!resolver) return refuse(facts::DnsOutcome::network_error, "cannot use resolver " + result.resolver);
        ldns_pkt* prepared = nullptr;
        if (ldns_resolver_prepare_query_pkt(&prepared, resolver.get(), qname.get(), rr_type, LDNS_RR_CLASS_IN,
                                            LDNS_RD) != LDNS_STATUS_OK)
            return refuse(facts::DnsOutcome::malformed, "cannot build a query for " + result.name);
        const LdnsOwned<ldns_pkt> question(prepared);

        // UDP, with a retry on silence: a lost datagram is not a dead resolver (RFC 1035 §4.2.1).
        Exchange udp;
        int tries = 0;
        milliseconds waited{0};
        while (tries < udp_tries && deadline.remaining() >= milliseconds(1)) {
            udp = udp_exchange(resolver.get(), question.get(), std::min(try_limit, deadline.remaining()));
            ++tries;
            waited += udp.elapsed;
            if (!timed_out(udp)) break;
        }
        if (tries == 0) return refuse(facts::DnsOutcome::timeout, "the deadline passed before the query was sent");
        if (!udp.reply) {
            classify_failure(udp, address, "UDP", tries, waited, result);
            return finish();
        }
        if (!mismatch(udp.reply.get(), question.get()).empty() || !ldns_pkt_tc(udp.reply.get())) {
            classify_reply(udp.reply.get(), question.get(), rr_type, result);
            return finish();
        }

        // TC: the answer did not fit in 512 bytes; ask again over TCP (RFC 7766 §5).
        result.truncated_over_udp = true;
        const milliseconds left = deadline.remaining();
        if (left < milliseconds(1))
            return refuse(facts::DnsOutcome::timeout, "the UDP answer was truncated and no time was left for TCP");
        const Exchange tcp = tcp_exchange(address, question.get(), std::min(try_limit, left));
        if (tcp.reply)
            classify_reply(tcp.reply.get(), question.get(), rr_type, result);
        else
            classify_failure(tcp, address, "TCP (the UDP answer was truncated)", 1, tcp.elapsed, result);
        return finish();
    } catch (const std::exception& error) {  // allocation failure: still a fact, never an exception
        return refuse(facts::DnsOutcome::network_error, error.what());
    }
}

facts::DnsQuery classify_answer(std::span<const std::uint8_t> wire, std::string_view name, std::string_view type,
                                std::uint16_t id) {
    facts::DnsQuery result;
    result.name = facts::dns::canonical_name(name);
    result.type = std::string(type);
    std::transform(result.type.begin(), result.type.end(), result.type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    try {
        const ldns_rr_type rr_type = ldns_get_rr_type_by_name(result.type.c_str());
        ldns_rdf* qname = ldns_dname_new_frm_str(result.name.c_str());
        if (!qname) {
            result.outcome = facts::DnsOutcome::malformed;
            result.error = "\"" + result.name + "\" is not a valid DNS name";
            return result;
        }
        const LdnsOwned<ldns_pkt> question(ldns_pkt_query_new(qname, rr_type, LDNS_RR_CLASS_IN, LDNS_RD));
        if (!question) throw std::bad_alloc();
        ldns_pkt_set_id(question.get(), id);
        ldns_pkt* parsed = nullptr;
        const ldns_status status = ldns_wire2pkt(&parsed, wire.data(), wire.size());
        const LdnsOwned<ldns_pkt> reply(parsed);
        if (status != LDNS_STATUS_OK || !reply) {
            result.outcome = facts::DnsOutcome::malformed;
            result.error = std::string("unreadable reply: ") + ldns_get_errorstr_by_id(status);
            return result;
        }
        classify_reply(reply.get(), question.get(), rr_type, result);
    } catch (const std::exception& error) {
        result.outcome = facts::DnsOutcome::network_error;
        result.error = error.what();
    }
    return result;
}

}  // namespace mra::probe::dns
