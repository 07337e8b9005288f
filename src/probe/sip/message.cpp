#include "probe/sip/message.hpp"

#include <arpa/inet.h>
#include <botan/auto_rng.h>
#include <botan/hex.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "util/text.hpp"

// Last: oSIP #defines every SIP header name (FROM, TO, SERVER, REQUIRE, …) as a macro. It stays out
// of every header of ours for the same reason.
#include <osipparser2/osip_parser.h>

namespace mra::probe::sip {

namespace {

void discard_trace(const char*, int, osip_trace_level_t, const char*, va_list) {}

// oSIP's parser tables are built once per process; parser_init is not safe to race. oSIP also
// prints its own diagnostics to stdout unless told otherwise (osip_port.c, osip_trace), which would
// corrupt a report written there: every failure reaches the facts as our one-line error instead.
void ensure_parser() {
    static std::once_flag once;
    std::call_once(once, [] {
        osip_trace_initialize_func(TRACE_LEVEL0, &discard_trace);
        parser_init();
    });
}

struct MessageDeleter {
    void operator()(osip_message_t* message) const { osip_message_free(message); }
};
using MessagePtr = std::unique_ptr<osip_message_t, MessageDeleter>;

MessagePtr new_message() {
    ensure_parser();
    osip_message_t* message = nullptr;
    if (osip_message_init(&message) != OSIP_SUCCESS) return nullptr;
    return MessagePtr(message);
}

// A string oSIP allocated, copied and released.
std::string take(char* text) {
    std::string copy = text != nullptr ? text : "";
    osip_free(text);
    return copy;
}

std::string text_of(const char* text) {
    return text != nullptr ? text : "";
}

// Text from the wire or the caller quoted into an error: one line, no control bytes (terminal escapes).
std::string oneline(std::string_view text) {
    if (text.ends_with('\r')) text.remove_suffix(1);
    std::string out(text.substr(0, 80));
    std::replace_if(
        out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }, '?');
    return out;
}

// --- inputs ---------------------------------------------------------------------------------------

bool is_ip_literal(const std::string& text, bool& v6) {
    unsigned char buffer[sizeof(in6_addr)];
    v6 = inet_pton(AF_INET6, text.c_str(), buffer) == 1;
    return v6 || inet_pton(AF_INET, text.c_str(), buffer) == 1;
}

// A host name, an IPv4 literal, or a bracketed IPv6 literal (RFC 3261 §25.1 host): anything else
// could break out of the header it is written into.
bool is_host(const std::string& host) {
    if (host.empty() || host.size() > 255) return false;
    if (host.front() == '[' && host.back() == ']') {
        bool v6 = false;
        return is_ip_literal(host.substr(1, host.size() - 2), v6) && v6;
    }
    return std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    });
}

// RFC 3261 §25.1 user: unreserved and user-unreserved characters (no escapes needed for ours).
bool is_user(const std::string& user) {
    return !user.empty() && user.size() <= 128 && std::all_of(user.begin(), user.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::string_view("-_.!~*'()&=+$,;?/").find(c) != std::string_view::npos;
    });
}

// Unified CM device names: letters, digits, '.', '_', '-', at most 50 (Cisco Unified CM
// Administration Guide, Phone Settings: Device Name). Written into a quoted Contact parameter.
bool is_device_name(const std::string& name) {
    return !name.empty() && name.size() <= 50 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
}

// urn:uuid:8-4-4-4-12 hex (RFC 4122 §3), as +sip.instance carries it (RFC 5626 §4.1).
bool is_uuid_urn(const std::string& urn) {
    if (urn.size() != 45 || urn.compare(0, 9, "urn:uuid:") != 0) return false;
    for (std::size_t i = 9; i < urn.size(); ++i) {
        const std::size_t at = i - 9;
        const char c = urn[i];
        const bool dash = at == 8 || at == 13 || at == 18 || at == 23;
        if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

// One route from get_edge_config: <sip:…> or <sips:…>, printable, no second URI (no '>' inside,
// nothing after it): what it names is the edge's business, but it must not break the header.
bool is_route(const std::string& route) {
    if (route.size() < 7 || route.size() > 512 || route.front() != '<' || route.back() != '>') return false;
    if (route.compare(1, 4, "sip:") != 0 && route.compare(1, 5, "sips:") != 0) return false;
    return std::all_of(route.begin() + 1, route.end() - 1, [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != '<' && c != '>' && c != ',' && c != '"';
    });
}

// Jabber's Supported header (Cisco Jabber MRA call flow, device registration).
constexpr const char* jabber_supported =
    "replaces,join,sdp-anat,norefersub,resource-priority,extended-refer,X-cisco-callinfo,X-cisco-serviceuri,"
    "X-cisco-escapecodes,X-cisco-service-control,X-cisco-srtp-fallback,X-cisco-monrec,X-cisco-config,"
    "X-cisco-sis-7.0.0,X-cisco-xsi-8.5.1,X-cisco-graceful-reg,X-cisco-duplicate-reg";

// --- randomness -----------------------------------------------------------------------------------

// RFC 3261 §8.1.1.4/.7, §19.3: Call-ID, branch and tag must be unique in space and time.
class Tokens {
public:
    std::string hex(std::size_t bytes) { return Botan::hex_encode(m_rng.random_vec(bytes), false); }

private:
    Botan::AutoSeeded_RNG m_rng;
};

// RFC 3261 §20.17: rfc1123-date, always GMT. Written by hand: strftime's names follow the locale.
std::string http_date(std::time_t now) {
    static constexpr const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[utc.tm_wday], utc.tm_mday,
                  months[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return text;
}

// --- building -------------------------------------------------------------------------------------

// Who the request is from and to; URIs without angle brackets.
struct Parties {
    std::string request_uri;
    std::string from;
    std::string to;
    std::string contact;
};

// Collects the first oSIP failure while a request is filled in.
class Builder {
public:
    explicit Builder(std::string method) : m_method(std::move(method)) {}

    void step(int rc, const char* what) {
        if (rc != OSIP_SUCCESS && m_error.empty()) {
            m_error = "cannot build the SIP " + m_method + " request: oSIP error " + std::to_string(rc) + " at " + what;
        }
    }
    void fail(std::string error) {
        if (m_error.empty()) m_error = std::move(error);
    }
    const std::string& error() const { return m_error; }

private:
    std::string m_method;
    std::string m_error;
};

using Extras = std::function<void(osip_message_t*, Builder&, Tokens&)>;

BuildResult build_request(const std::string& method, const Parties& parties, const RequestContext& context,
                          const Extras& extras, const std::optional<Continuation>& continuing = {}) {
    BuildResult out;
    try {
        bool v6 = false;
        if (!is_ip_literal(context.local_address, v6) || context.local_port == 0) {
            out.error = "cannot build the SIP " + method + " request: the local address \"" +
                        oneline(context.local_address) + "\" is not an IP literal with a port";
            return out;
        }
        const std::string sent_by =
            (v6 ? "[" + context.local_address + "]" : context.local_address) + ":" + std::to_string(context.local_port);
        MessagePtr message = new_message();
        if (!message) {
            out.error = "cannot build the SIP " + method + " request: out of memory";
            return out;
        }
        Tokens tokens;
        Request& request = out.request;
        request.method = method;
        // RFC 3261 §8.1.1.5: any CSeq below 2**31 to start; §10.2.4: one higher on the same Call-ID.
        request.cseq = continuing ? continuing->cseq + 1 : 1;
        request.branch = "z9hG4bK" + tokens.hex(12);
        request.call_id = continuing ? continuing->call_id : tokens.hex(16) + "@" + context.local_address;
        request.from_tag = continuing ? continuing->from_tag : tokens.hex(8);

        Builder builder(method);
        osip_message_t* sip = message.get();
        osip_message_set_method(sip, osip_strdup(method.c_str()));
        osip_message_set_version(sip, osip_strdup("SIP/2.0"));
        osip_uri_t* uri = nullptr;
        builder.step(osip_uri_init(&uri), "Request-URI");
        if (uri != nullptr) {
            if (const int rc = osip_uri_parse(uri, parties.request_uri.c_str()); rc != OSIP_SUCCESS) {
                osip_uri_free(uri);
                builder.step(rc, "Request-URI");
            } else {
                osip_message_set_uri(sip, uri);
            }
        }
        // RFC 3261 §18.2.2 with RFC 3581 rport: the response comes back on this TLS connection.
        builder.step(
            osip_message_set_via(sip, ("SIP/2.0/TLS " + sent_by + ";branch=" + request.branch + ";rport").c_str()),
            "Via");
        builder.step(osip_message_set_from(sip, ("<" + parties.from + ">;tag=" + request.from_tag).c_str()), "From");
        builder.step(osip_message_set_to(sip, ("<" + parties.to + ">").c_str()), "To");
        builder.step(osip_message_set_call_id(sip, request.call_id.c_str()), "Call-ID");
        builder.step(osip_message_set_cseq(sip, (std::to_string(request.cseq) + " " + method).c_str()), "CSeq");
        if (!parties.contact.empty()) {
            const std::string contact = parties.contact.front() == '<' ? parties.contact : "<" + parties.contact + ">";
            builder.step(osip_message_set_contact(sip, contact.c_str()), "Contact");
        }
        builder.step(osip_message_set_max_forwards(sip, "70"), "Max-Forwards");
        builder.step(osip_message_set_user_agent(sip, "mra-preflight/" MRA_VERSION), "User-Agent");
        if (extras) extras(sip, builder, tokens);

        char* text = nullptr;
        std::size_t length = 0;
        if (builder.error().empty()) builder.step(osip_message_to_str(sip, &text, &length), "serialisation");
        if (!builder.error().empty()) {
            osip_free(text);
            out.error = builder.error();
            return out;
        }
        request.text.assign(text, length);
        osip_free(text);
    } catch (const std::exception& e) {
        out.error = "cannot build the SIP " + method + " request: " + e.what();
    }
    return out;
}

// "sip:user@domain", or "sip:domain" without a user.
std::string address_of_record(const RequestContext& context) {
    return "sip:" + (context.user.empty() ? "" : context.user + "@") + context.domain;
}

std::string contact_for(const RequestContext& context) {
    bool v6 = false;
    is_ip_literal(context.local_address, v6);
    const std::string host = v6 ? "[" + context.local_address + "]" : context.local_address;
    return "sip:" + (context.user.empty() ? std::string("mra-preflight") : context.user) + "@" + host + ":" +
           std::to_string(context.local_port) + ";transport=tls";
}

std::string check_identity(const std::string& method, const std::string& domain, const std::string& user) {
    if (!is_host(domain)) {
        return "cannot build the SIP " + method + " request: \"" + oneline(domain) +
               "\" is not a host name or IP literal";
    }
    if (!user.empty() && !is_user(user)) {
        return "cannot build the SIP " + method + " request: \"" + oneline(user) +
               "\" is not usable as a SIP user part";
    }
    return {};
}

// --- parsing --------------------------------------------------------------------------------------

std::string unquote(std::string text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < text.size(); ++i) {
            if (text[i] == '\\' && i + 2 < text.size()) ++i;  // RFC 3261 §25.1 quoted-pair
            out += text[i];
        }
        return out;
    }
    return text;
}

std::vector<std::string> header_values(osip_message_t* sip, const char* name) {
    std::vector<std::string> values;
    osip_header_t* header = nullptr;
    for (int pos = osip_message_header_get_byname(sip, name, 0, &header); pos >= 0 && header != nullptr;
         pos = osip_message_header_get_byname(sip, name, pos + 1, &header)) {
        values.push_back(text_of(header->hvalue));
    }
    return values;
}

// Where the body starts: after the first empty line (CRLF or bare LF line ends).
std::size_t body_offset(std::string_view wire) {
    for (std::size_t start = 0;;) {
        const auto newline = wire.find('\n', start);
        if (newline == std::string_view::npos) return wire.size();
        const auto line = wire.substr(start, newline - start);
        if (line.empty() || line == "\r") return newline + 1;
        start = newline + 1;
    }
}

// The header section without its Content-Type lines: what oSIP can parse when it rejects the body.
std::string without_content_type(std::string_view headers, std::string& content_type) {
    std::string out;
    for (std::size_t start = 0; start < headers.size();) {
        auto newline = headers.find('\n', start);
        if (newline == std::string_view::npos) newline = headers.size() - 1;
        const auto line = headers.substr(start, newline + 1 - start);
        const auto colon = line.find(':');
        const auto name = colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
        const auto trimmed = name.substr(0, name.find_last_not_of(" \t") + 1);
        if (equal_ignoring_case(trimmed, "Content-Type") || equal_ignoring_case(trimmed, "c")) {
            auto value = line.substr(colon + 1);
            value = value.substr(0, value.find_last_not_of(" \t\r\n") + 1);
            content_type = std::string(value.substr(std::min(value.size(), value.find_first_not_of(" \t"))));
        } else {
            out += line;
        }
        start = newline + 1;
    }
    return out;
}

std::optional<std::int64_t> number_of(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
    return value;
}

// The registration's lifetime a registrar granted: the Expires header, else the first Contact's
// expires parameter (RFC 3261 §10.2.4, §10.3 step 8).
std::optional<std::int64_t> expires_of(osip_message_t* sip) {
    if (const auto values = header_values(sip, "expires"); !values.empty()) return number_of(values.front());
    auto* contact = static_cast<osip_contact_t*>(osip_list_get(&sip->contacts, 0));
    osip_generic_param_t* expires = nullptr;
    if (contact != nullptr) osip_contact_param_get_byname(contact, const_cast<char*>("expires"), &expires);
    if (expires != nullptr) return number_of(text_of(expires->gvalue));
    return std::nullopt;
}

void read_fields(osip_message_t* sip, Message& message) {
    message.is_request = MSG_IS_REQUEST(sip);
    if (message.is_request) {
        message.method = text_of(sip->sip_method);
    } else {
        message.status = sip->status_code;
    }
    message.reason = text_of(sip->reason_phrase);
    if (sip->call_id != nullptr) {
        char* text = nullptr;
        if (osip_call_id_to_str(sip->call_id, &text) == OSIP_SUCCESS) message.call_id = take(text);
    }
    if (sip->cseq != nullptr) {
        const std::string number = text_of(sip->cseq->number);
        std::uint32_t value = 0;
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (error == std::errc() && end == number.data() + number.size()) message.cseq = value;
        message.cseq_method = text_of(sip->cseq->method);
    }
    message.via_count = static_cast<std::size_t>(osip_list_size(&sip->vias));
    if (auto* via = static_cast<osip_via_t*>(osip_list_get(&sip->vias, 0)); via != nullptr) {
        osip_generic_param_t* branch = nullptr;
        osip_via_param_get_byname(via, const_cast<char*>("branch"), &branch);
        if (branch != nullptr) message.top_via_branch = text_of(branch->gvalue);
    }
    // RFC 3261 §22.3: a proxy or registrar challenges with Proxy-Authenticate (407), a UAS with
    // WWW-Authenticate (401); Expressway-E sends the former.
    auto* challenge = static_cast<osip_www_authenticate_t*>(osip_list_get(&sip->proxy_authenticates, 0));
    message.proxy_challenge = challenge != nullptr;
    if (challenge == nullptr)
        challenge = static_cast<osip_www_authenticate_t*>(osip_list_get(&sip->www_authenticates, 0));
    if (challenge != nullptr) {
        message.challenge_scheme = text_of(challenge->auth_type);
        message.challenge_realm = unquote(text_of(challenge->realm));
        message.challenge = {.realm = message.challenge_realm,
                             .nonce = unquote(text_of(challenge->nonce)),
                             .opaque = unquote(text_of(challenge->opaque)),
                             .algorithm = unquote(text_of(challenge->algorithm)),
                             .qop = unquote(text_of(challenge->qop_options)),
                             .stale = equal_ignoring_case(unquote(text_of(challenge->stale)), "true")};
    }
    if (const auto dates = header_values(sip, "date"); !dates.empty()) message.date = dates.front();
    message.expires = expires_of(sip);
    auto server = header_values(sip, "server");
    if (server.empty()) server = header_values(sip, "user-agent");
    if (!server.empty()) message.server = server.front();
    message.warning = join(header_values(sip, "warning"), ", ");
    if (sip->content_type != nullptr) {
        char* text = nullptr;
        if (osip_content_type_to_str(sip->content_type, &text) == OSIP_SUCCESS) message.content_type = take(text);
    }
}

}  // namespace

BuildResult build_options(const RequestContext& context) {
    if (auto error = check_identity("OPTIONS", context.domain, context.user); !error.empty()) return {{}, error};
    const std::string aor = address_of_record(context);
    return build_request("OPTIONS", {"sip:" + context.domain, aor, aor, contact_for(context)}, context, {});
}

BuildResult build_register(const RequestContext& context) {
    if (auto error = check_identity("REGISTER", context.domain, context.user); !error.empty()) return {{}, error};
    // RFC 3261 §10.2: the Request-URI names the registrar's domain; To and From the address of record.
    const std::string aor = address_of_record(context);
    return build_request("REGISTER", {"sip:" + context.domain, aor, aor, contact_for(context)}, context,
                         [](osip_message_t* sip, Builder& builder, Tokens&) {
                             builder.step(osip_message_set_expires(sip, "0"), "Expires");
                         });
}

std::string random_instance() {
    std::string hex = Tokens().hex(16);
    hex[12] = '4';                                                    // RFC 4122 §4.4: version 4,
    hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];  // variant 10x
    return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) +
           "-" + hex.substr(20);
}

BuildResult build_jabber_register(const RequestContext& context, const Registration& registration,
                                  std::uint32_t expires, const std::optional<Continuation>& continuing,
                                  const std::optional<Credentials>& credentials) {
    if (auto error = check_identity("REGISTER", registration.registrar, context.user); !error.empty())
        return {{}, error};
    if (!is_host(registration.edge))
        return {{}, "cannot build the SIP REGISTER request: \"" + oneline(registration.edge) + "\" is not a host name"};
    if (!is_device_name(registration.device))
        return {{},
                "cannot build the SIP REGISTER request: \"" + oneline(registration.device) +
                    "\" is not a device name (1–50 letters, digits, '.', '_', '-')"};
    if (!is_uuid_urn(registration.instance))
        return {{},
                "cannot build the SIP REGISTER request: \"" + oneline(registration.instance) +
                    "\" is not a urn:uuid: instance"};
    for (const auto& route : registration.routes)
        if (!is_route(route))
            return {
                {},
                "cannot build the SIP REGISTER request: the route \"" + oneline(route) + "\" is not one <sip:…> URI"};
    // To and From: the line's address of record on the registrar (Jabber writes its directory
    // number there; the test user's id is what this tool knows).
    const std::string aor = "sip:" + context.user + "@" + registration.registrar;
    bool v6 = false;
    is_ip_literal(context.local_address, v6);
    const std::string host = v6 ? "[" + context.local_address + "]" : context.local_address;
    // Contact as Jabber's: a UUID user part, +sip.instance quoted as RFC 5626 §4.1 writes it (the
    // reference shows it unquoted), the device name and model 503 (Cisco Unified Client Services
    // Framework) as feature parameters (RFC 3840 §9).
    const std::string contact = "<sip:" + registration.instance.substr(9) + "@" + host + ":" +
                                std::to_string(context.local_port) + ";transport=tls>;+sip.instance=\"<" +
                                registration.instance + ">\";+u.sip!devicename.ccm.cisco.com=\"" + registration.device +
                                "\";+u.sip!model.ccm.cisco.com=\"503\"";
    return build_request(
        "REGISTER", {"sip:" + registration.registrar, aor, aor, contact}, context,
        [&](osip_message_t* sip, Builder& builder, Tokens&) {
            // RFC 3261 §8.1.1.1: a preloaded route set, one Route header per hop, in order.
            std::vector<std::string> route_set{"<sip:" + registration.edge + ";transport=tls;lr>"};
            route_set.insert(route_set.end(), registration.routes.begin(), registration.routes.end());
            route_set.push_back("<sip:" + registration.registrar + ";transport=tcp;lr>");
            for (const auto& route : route_set) builder.step(osip_message_set_route(sip, route.c_str()), "Route");
            builder.step(osip_message_set_date(sip, http_date(std::time(nullptr)).c_str()), "Date");
            builder.step(osip_message_set_header(sip, "Supported", jabber_supported), "Supported");
            builder.step(osip_message_set_expires(sip, std::to_string(expires).c_str()), "Expires");
            if (credentials)
                builder.step(
                    credentials->proxy
                        ? osip_message_set_header(sip, "Proxy-Authorization", credentials->header_value.c_str())
                        : osip_message_set_header(sip, "Authorization", credentials->header_value.c_str()),
                    credentials->proxy ? "Proxy-Authorization" : "Authorization");
        },
        continuing);
}

ParseResult parse_message(std::string_view wire) {
    ParseResult out;
    try {
        MessagePtr parsed = new_message();
        if (!parsed) {
            out.error = "cannot parse the SIP message: out of memory";
            return out;
        }
        const std::size_t body_start = body_offset(wire);
        int rc = osip_message_parse(parsed.get(), wire.data(), wire.size());
        std::string raw_content_type;
        if (rc != OSIP_SUCCESS && body_start < wire.size()) {
            // oSIP rejects bodies its MIME code cannot split (a multipart without its closing
            // boundary, say). The start line and headers are what the probe needs: parse them alone,
            // and keep the body raw.
            parsed = new_message();
            const std::string headers = without_content_type(wire.substr(0, body_start), raw_content_type);
            rc = parsed ? osip_message_parse(parsed.get(), headers.data(), headers.size()) : OSIP_NOMEM;
        }
        if (rc != OSIP_SUCCESS) {
            out.error = "malformed SIP message (oSIP error " + std::to_string(rc) +
                        "): " + oneline(wire.substr(0, wire.find('\n')));
            return out;
        }
        read_fields(parsed.get(), out.message);
        if (out.message.content_type.empty()) out.message.content_type = raw_content_type;
        out.message.body = std::string(wire.substr(body_start));
        const Message& message = out.message;
        const std::string start_line = oneline(wire.substr(0, wire.find('\n')));
        if (message.is_request ? message.method.empty() : message.status < 100 || message.status > 699) {
            out.error = "malformed SIP message: " + start_line;
        } else if (!message.is_request &&
                   (message.via_count == 0 || message.call_id.empty() || message.cseq_method.empty())) {
            // RFC 3261 §8.2.6.2: a response copies Via, Call-ID and CSeq; without them it answers nothing.
            out.error = "malformed SIP response without Via, Call-ID or CSeq: " + start_line;
        }
    } catch (const std::exception& e) {
        out.error = std::string("cannot parse the SIP message: ") + e.what();
    }
    return out;
}

Match match(const Request& request, const Message& response) {
    if (response.is_request || response.top_via_branch != request.branch || response.cseq_method != request.method ||
        response.cseq != request.cseq || response.call_id != request.call_id) {
        return Match::unrelated;
    }
    return response.status < 200 ? Match::provisional : Match::final_response;
}

}  // namespace mra::probe::sip
