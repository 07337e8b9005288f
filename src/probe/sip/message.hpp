#pragma once
// SIP messages for the probe, on GNU oSIP (the field's own parser and builder): the requests a
// Jabber client sends to an Expressway-E — OPTIONS, and REGISTER as Jabber builds it, first without
// credentials, then answering the Digest challenge, then unregistering — and the parsing of what
// comes back, reduced to what the sip.* checks need. A client never sends a SERVICE: that is
// Expressway-E's own request to Expressway-C (Cisco Expressway MRA Deployment Guide, delegated
// credential checking). Framing the byte stream is message_reader.hpp's job. Nothing here throws or
// does I/O.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "probe/sip/digest.hpp"

namespace mra::probe::sip {

// Who sends a request, and to which domain.
struct RequestContext {
    std::string domain;         // Request-URI sip:<domain>, To and From
    std::string user;           // user part of From, To and Contact; none when empty
    std::string local_address;  // our end of the connection (literal IP): Via sent-by, Contact
    std::uint16_t local_port = 0;
};

// Jabber's REGISTER (Cisco Jabber MRA call flow: REGISTER sip:<cucm> with the edge, the
// get_edge_config `sipRequest` route and the CUCM host preloaded as Route, RFC 3261 §8.1.1.1).
struct Registration {
    std::string registrar;            // the Unified CM host: Request-URI sip:<registrar>, To/From host
    std::string edge;                 // the Expressway-E connected to: the first Route
    std::vector<std::string> routes;  // get_edge_config <sipRequest><route>s, "<sip:…;lr>", in order
    std::string device;               // the softphone: Contact +u.sip!devicename.ccm.cisco.com
    std::string instance;             // its +sip.instance UUID (RFC 5626 §4.1), "urn:uuid:…"
};

// The transaction state a REGISTER continues (RFC 3261 §10.2.4: the same Call-ID for every
// REGISTER to this registrar, CSeq one higher each time, §8.1.3.5 a new branch).
struct Continuation {
    std::string call_id;
    std::string from_tag;
    std::uint32_t cseq = 0;  // the previous request's
};

// A request ready to send, with what identifies its responses (RFC 3261 §17.1.3).
struct Request {
    std::string method;
    std::string call_id;
    std::uint32_t cseq = 0;
    std::string branch;  // of our (only) Via: "z9hG4bK" + random (RFC 3261 §8.1.1.7)
    std::string from_tag;
    std::string text;  // the wire form, Content-Length included
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
// accepts it keeps no binding (RFC 3261 §10.2.2) — used when no softphone and route are known.
BuildResult build_register(const RequestContext& context);

// REGISTER as Jabber builds it (Cisco Jabber MRA call flow, device registration): Request-URI
// sip:<registrar>; To and From sip:<user>@<registrar>; Route the edge, the sipRequest routes and the
// registrar; Contact <sip:uuid@local:port;transport=tls> with +sip.instance (RFC 5626 §4.1) and
// +u.sip!devicename/model.ccm.cisco.com; Supported as Jabber's; Expires. With `continuing`, the same
// Call-ID and From tag and the next CSeq (RFC 3261 §10.2.4); with `credentials`, a
// Proxy-Authorization (407) or Authorization (401) header carrying them (RFC 3261 §22.3, §22.2).
// A fresh random +sip.instance (RFC 4122 version 4 UUID as a urn:uuid:).
std::string random_instance();

struct Credentials {
    bool proxy = true;         // Proxy-Authorization (a 407's answer), else Authorization (401)
    std::string header_value;  // "Digest username=…" from answer_challenge
};
BuildResult build_jabber_register(const RequestContext& context, const Registration& registration,
                                  std::uint32_t expires, const std::optional<Continuation>& continuing = {},
                                  const std::optional<Credentials>& credentials = {});

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
    std::string challenge_scheme;         // "Digest": Proxy-Authenticate, else WWW-Authenticate
    std::string challenge_realm;          // unquoted
    bool proxy_challenge = false;         // the challenge came in Proxy-Authenticate
    DigestChallenge challenge;            // its parameters, unquoted
    std::string server;                   // Server, else User-Agent
    std::string date;                     // Date (RFC 3261 §20.17)
    std::optional<std::int64_t> expires;  // Expires header, else the first Contact's expires parameter
    std::string warning;                  // every Warning header, joined with ", "
    std::string content_type;             // "multipart/mixed; boundary=…" as oSIP writes it back
    std::string body;                     // raw bytes after the header section
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
