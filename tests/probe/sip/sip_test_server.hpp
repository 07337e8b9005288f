#pragma once
// SIP test servers for the probe tests: responses built by echoing a request's transaction headers
// (RFC 3261 §8.2.6.2), and a Responder for the TLS test server that answers like the lab's Kamailio
// (tests/lab/lab start_sip): OPTIONS 200, REGISTER 407 with a Digest challenge whose realm is the
// Expressway-E's FQDN, SERVICE with Event: service the configured reply, 489 without it, 405 else.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "probe/sip/message.hpp"
#include "probe/sip/message_reader.hpp"
#include "tests/probe/tls/test_tls_server.hpp"
#include "util/text.hpp"

namespace mra::test {

// The request's header lines named `name` (full form, any case), in order, without line ends.
inline std::vector<std::string> header_lines(std::string_view request, std::string_view name) {
    std::vector<std::string> lines;
    const auto end = request.find("\r\n\r\n");
    std::string_view headers = request.substr(0, end);
    for (std::size_t start = 0; start < headers.size();) {
        auto newline = headers.find("\r\n", start);
        if (newline == std::string_view::npos) newline = headers.size();
        const auto line = headers.substr(start, newline - start);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos && equal_ignoring_case(line.substr(0, colon), name)) {
            lines.emplace_back(line);
        }
        start = newline + 2;
    }
    return lines;
}

// A response to `request` that carries its Via, From, To (tagged), Call-ID and CSeq.
inline std::string response_to(std::string_view request, int status, const std::string& reason,
                               const std::string& extra_headers = "", const std::string& body = "") {
    std::string out = "SIP/2.0 " + std::to_string(status) + " " + reason + "\r\n";
    for (const char* name : {"Via", "From", "To", "Call-ID", "CSeq"}) {
        for (auto line : header_lines(request, name)) {
            if (std::string_view(name) == "To" && line.find(";tag=") == std::string::npos) line += ";tag=test-server";
            out += line + "\r\n";
        }
    }
    out += "Server: TANDBERG/4352 (X14.0.2)\r\n" + extra_headers;
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return out;
}

inline std::vector<std::uint8_t> bytes_of(std::string_view text) {
    return {text.begin(), text.end()};
}

// What a SIP test server received, request by request (written by the server thread).
class SipServerLog {
public:
    void add(std::string request) {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(std::move(request));
    }
    std::vector<std::string> requests() const {
        std::lock_guard lock(m_mutex);
        return m_requests;
    }
    std::vector<std::string> methods() const {
        std::vector<std::string> out;
        for (const auto& request : requests()) out.push_back(request.substr(0, request.find(' ')));
        return out;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_requests;
};

// Turns the TLS server's application data into whole SIP requests and answers each with `answer`
// (what to send back, possibly nothing). Requests are framed with the probe's own reader.
using SipAnswer = std::function<std::string(const std::string& request, const probe::sip::Message& parsed)>;

inline Responder sip_responder(SipAnswer answer, std::shared_ptr<SipServerLog> log) {
    auto reader = std::make_shared<probe::sip::MessageReader>();
    return [reader, answer = std::move(answer),
            log = std::move(log)](std::span<const std::uint8_t> data) -> std::optional<std::vector<std::uint8_t>> {
        reader->feed(data);
        std::string out;
        for (auto frame = reader->next(); frame.status == probe::sip::FrameStatus::complete; frame = reader->next()) {
            const auto parsed = probe::sip::parse_message(frame.message);
            if (log) log->add(frame.message);
            out += answer(frame.message, parsed.message);
        }
        return bytes_of(out);
    };
}

// An Expressway-E as the lab models it: OPTIONS 200; REGISTER without credentials 407 with a Digest
// challenge; with credentials, `registered` (what Expressway-C and Unified CM answered), 200 with
// Expires 120 by default; an unregistration (Expires: 0) 200.
struct KamailioReplies {
    std::string realm = "expe1.example.com";
    int registered_status = 200;
    std::string registered_reason = "OK";
    bool stale_once = false;  // the first answer with credentials is challenged again, stale=true
};

inline SipAnswer kamailio_like(KamailioReplies replies = {}) {
    auto stale_sent = std::make_shared<bool>(false);
    return [replies, stale_sent](const std::string& request, const probe::sip::Message& parsed) {
        if (parsed.method == "OPTIONS")
            return response_to(request, 200, "OK", "Date: Mon, 01 Sep 2014 20:59:30 GMT\r\n");
        if (parsed.method == "REGISTER") {
            const bool with_credentials = !header_lines(request, "Proxy-Authorization").empty();
            const auto challenge = [&](const std::string& nonce, bool stale) {
                return response_to(request, 407, "Proxy Authentication Required",
                                   "Proxy-Authenticate: Digest realm=\"" + replies.realm + "\", nonce=\"" + nonce +
                                       "\", qop=\"auth\"" + (stale ? ", stale=true" : "") + "\r\n");
            };
            if (!with_credentials) return challenge("Zq3xYwAAAAB3kF8pS0m1c2lqZXN0", false);
            if (replies.stale_once && !*stale_sent) {
                *stale_sent = true;
                return challenge("Zq3xZAAAAAB3kF8pS0m1c2lqZXN1", true);
            }
            const auto expires = header_lines(request, "Expires");
            if (!expires.empty() && expires.front() == "Expires: 0") return response_to(request, 200, "OK");
            return response_to(request, replies.registered_status, replies.registered_reason,
                               replies.registered_status == 200 ? "Expires: 120\r\n" : "");
        }
        return response_to(request, 405, "Method Not Allowed");
    };
}

}  // namespace mra::test
