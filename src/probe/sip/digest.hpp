#pragma once
// HTTP Digest authentication as SIP uses it (RFC 3261 §22.4, which takes RFC 2617): the answer to a
// 407 Proxy-Authenticate (or 401 WWW-Authenticate) challenge, with qop "auth", for the algorithms
// RFC 7616 §3.3 lists (MD5, SHA-256, and their -sess forms). Pure computation, no I/O; the
// password is the caller's and is never copied into anything this returns except the response hash.

#include <optional>
#include <string>

namespace mra::probe::sip {

// A Digest challenge's parameters, unquoted (RFC 2617 §3.2.1, RFC 7616 §3.3).
struct DigestChallenge {
    std::string realm;
    std::string nonce;
    std::string opaque;
    std::string algorithm;  // as sent; empty means MD5 (RFC 2617 §3.2.1)
    std::string qop;        // the qop-options list as sent, e.g. "auth" or "auth,auth-int"
    bool stale = false;     // the nonce was stale, the credentials were not wrong (RFC 2617 §3.2.1)
};

// What a request's answer to a challenge needs.
struct DigestInput {
    std::string user;
    std::string password;
    std::string method;  // "REGISTER"
    std::string uri;     // digest-uri: the Request-URI (RFC 3261 §22.4 item 5)
    std::string cnonce;
    std::string nc = "00000001";  // nonce-count, 8 hex digits (RFC 2617 §3.2.2)
};

struct DigestAnswer {
    std::string header_value;  // the credentials: `Digest username="…", realm="…", …`
    std::string response;      // request-digest (hex), for tests
    std::string error;         // one line when the challenge cannot be answered (algorithm, qop)
    bool ok() const { return error.empty(); }
};

// RFC 2617 §3.2.2.1–3 and RFC 7616 §3.4.1–3: A1 = user:realm:password (-sess: H(A1):nonce:cnonce),
// A2 = method:uri, response = KD(H(A1), nonce:nc:cnonce:qop:H(A2)) when the challenge offers qop
// "auth", else (RFC 2069 compatibility, RFC 2617 §3.2.2.1) H(H(A1):nonce:H(A2)).
DigestAnswer answer_challenge(const DigestChallenge& challenge, const DigestInput& input);

// The hash named by a Digest algorithm token (case-insensitive, "-sess" ignored) as lower-case hex
// of `text`; nullopt for an algorithm this tool does not implement (e.g. SHA-512-256).
std::optional<std::string> digest_hash(const std::string& algorithm, const std::string& text);

}  // namespace mra::probe::sip
