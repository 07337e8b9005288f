#pragma once
// SIP messages for the probe, on GNU oSIP (the field's own parser and builder): the requests a
// Jabber client's path exercises — OPTIONS, REGISTER without credentials, and the SERVICE that
// Expressway uses for delegated credential checking (mra-facts §5.2) — and the parsing of what comes
// back, reduced to what the sip.* checks need. Framing the byte stream is message_reader.hpp's job.
// Nothing here throws or does I/O.

#include <cstdint>
#include <string>
#include <string_view>

namespace mra::probe::sip {

// Who sends a request, and to which domain.
struct RequestContext {
    std::string domain;         // Request-URI sip:<domain>, To and From
    std::string user;           // user part of From, To and Contact; none when empty
    std::string local_address;  // our end of the connection (literal IP): Via sent-by, Contact
    std::uint16_t local_port = 0;
};

// What the SERVICE carries (mra-facts §5.2, call flow §12).
struct ServiceContent {
    std::string domain;           // Request-URI sip:serviceserver@<domain>, also From/To/Contact
    std::string realm;            // <realm> of the methodCall: the Expressway-E's FQDN
    std::string certificate_pem;  // part 2: the certificate the client presents; its first PEM block is carried
};

// A request ready to send, with what identifies its responses (RFC 3261 §17.1.3).
struct Request {
    std::string method;
    std::string call_id;
    std::uint32_t cseq = 0;
    std::string branch;  // of our (only) Via: "z9hG4bK" + random (RFC 3261 §8.1.1.7)
    std::string text;    // the wire form, Content-Length included
};

struct BuildResult {
    Request request;
    std::string error;  // one line; empty when the request was built
    bool ok() const { return error.empty(); }
};

// RFC 3261 §8.1.1 requests over TLS: Via with a fresh branch and rport, From with a random tag, To,
// Call-ID random@local-address, CSeq 1, Max-Forwards 70, Contact, User-Agent mra-preflight/<version>.
BuildResult build_options(const RequestContext& context);
// Without credentials, to draw the challenge (407/401). Expires: 0 so that a registrar that wrongly
// accepts it keeps no binding (RFC 3261 §10.2.2) — a preflight must not change what it checks.
BuildResult build_register(const RequestContext& context);
// SERVICE sip:serviceserver@<domain> with Event: service and a multipart/mixed body: an
// application/text methodCall (DigestAuth, reqtype collab-edge) and an application/x-x509-ca-cert
// part with the certificate. `context.domain` is not used: the SERVICE names content.domain.
BuildResult build_service(const RequestContext& context, const ServiceContent& content);

// A parsed SIP message: a response, or a request the server sent us (stray, never answered).
struct Message {
    bool is_request = false;
    std::string method;  // request only
    int status = 0;      // response only
    std::string reason;
    std::string call_id;
    std::uint32_t cseq = 0;
    std::string cseq_method;
    std::size_t via_count = 0;
    std::string top_via_branch;
    std::string challenge_scheme;  // "Digest": Proxy-Authenticate, else WWW-Authenticate
    std::string challenge_realm;   // unquoted
    std::string server;            // Server, else User-Agent
    std::string warning;           // every Warning header, joined with ", "
    std::string content_type;      // "multipart/mixed; boundary=…" as oSIP writes it back
    std::string body;              // raw bytes after the header section
};

struct ParseResult {
    Message message;
    std::string error;  // one line; empty when parsed
    bool ok() const { return error.empty(); }
};

// One complete message as framed by MessageReader.
ParseResult parse_message(std::string_view wire);

enum class Match {
    final_response,  // the final (>= 200) response to the request
    provisional,     // a 1xx to the request
    unrelated,       // a request, or a response to something else (RFC 3261 §17.1.3 stray)
};

// RFC 3261 §17.1.3: a response belongs to the client transaction whose top Via branch and CSeq
// method it carries; the Call-ID and CSeq number are checked as well, against a confused peer.
Match match(const Request& request, const Message& response);

}  // namespace mra::probe::sip
