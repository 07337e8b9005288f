// oSIP first: it #defines every SIP header name (REQUIRE, SERVER, …) as a macro, which would clash
// with doctest's REQUIRE and Botan's TLS::SERVER. The code under test keeps oSIP out of its headers.
#include <osipparser2/osip_parser.h>
#undef REQUIRE
#undef SERVER

#include "probe/sip/message.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "probe/sip/message_reader.hpp"
#include "tests/fixtures.hpp"
#include "tests/probe/sip/sip_test_server.hpp"

namespace sip = mra::probe::sip;
using mra::test::response_to;

namespace {

const sip::RequestContext context{.domain = "example.com", .local_address = "192.0.2.10", .local_port = 49256};

// The request as oSIP reads it back: the proof that what we send is well-formed SIP.
struct Reparsed {
    Reparsed(const std::string& text) {
        // parser_init() has been called by the build_* function whose request this is.
        REQUIRE(osip_message_init(&message) == OSIP_SUCCESS);
        REQUIRE(osip_message_parse(message, text.data(), text.size()) == OSIP_SUCCESS);
    }
    ~Reparsed() { osip_message_free(message); }
    Reparsed(const Reparsed&) = delete;
    Reparsed& operator=(const Reparsed&) = delete;

    std::string header(const char* name) const {
        osip_header_t* header = nullptr;
        osip_message_header_get_byname(message, name, 0, &header);
        return header != nullptr && header->hvalue != nullptr ? header->hvalue : "";
    }
    std::string from_tag() const {
        osip_generic_param_t* tag = nullptr;
        osip_from_get_tag(message->from, &tag);
        return tag != nullptr && tag->gvalue != nullptr ? tag->gvalue : "";
    }
    std::string uri() const {
        char* text = nullptr;
        osip_uri_to_str(message->req_uri, &text);
        std::string out = text;
        osip_free(text);
        return out;
    }

    osip_message_t* message = nullptr;
};

// Content-Length must be the body's length in bytes: the framer, which trusts it, must cut the
// request exactly at its end.
void check_framing(const std::string& text) {
    sip::MessageReader reader;
    reader.feed(text);
    const auto frame = reader.next();
    REQUIRE(frame.status == sip::FrameStatus::complete);
    CHECK(frame.message == text);
    CHECK(reader.buffered() == 0);
}

}  // namespace

TEST_CASE("sip request: OPTIONS is RFC 3261 well-formed and re-parses with oSIP") {
    const auto built = sip::build_options(context);
    REQUIRE_MESSAGE(built.ok(), built.error);
    const auto& request = built.request;
    INFO(request.text);
    CHECK(request.text.starts_with("OPTIONS sip:example.com SIP/2.0\r\n"));
    CHECK(request.method == "OPTIONS");
    CHECK(request.branch.starts_with("z9hG4bK"));  // RFC 3261 §8.1.1.7 magic cookie
    CHECK(request.branch.size() > 7 + 16);
    CHECK(request.call_id.ends_with("@192.0.2.10"));
    CHECK(request.cseq == 1);

    Reparsed reparsed(request.text);
    CHECK(MSG_IS_OPTIONS(reparsed.message));
    CHECK(reparsed.uri() == "sip:example.com");
    auto* via = static_cast<osip_via_t*>(osip_list_get(&reparsed.message->vias, 0));
    REQUIRE(via != nullptr);
    CHECK(std::string(via->protocol) == "TLS");
    CHECK(std::string(via->host) == "192.0.2.10");
    CHECK(std::string(via->port) == "49256");
    osip_generic_param_t* param = nullptr;
    osip_via_param_get_byname(via, const_cast<char*>("branch"), &param);
    REQUIRE(param != nullptr);
    CHECK(std::string(param->gvalue) == request.branch);
    osip_via_param_get_byname(via, const_cast<char*>("rport"), &param);
    CHECK(param != nullptr);  // RFC 3581
    CHECK(reparsed.from_tag().size() >= 8);
    CHECK(std::string(reparsed.message->call_id->number) + "@" + reparsed.message->call_id->host == request.call_id);
    CHECK(std::string(reparsed.message->cseq->number) == "1");
    CHECK(std::string(reparsed.message->cseq->method) == "OPTIONS");
    CHECK(reparsed.header("max-forwards") == "70");
    CHECK(reparsed.header("user-agent") == "mra-preflight/" MRA_VERSION);
    CHECK(std::string(reparsed.message->content_length->value) == "0");
    CHECK(request.text.find("To: <sip:example.com>\r\n") != std::string::npos);
    CHECK(request.text.find("Contact: <sip:mra-preflight@192.0.2.10:49256;transport=tls>\r\n") != std::string::npos);
    check_framing(request.text);
}

TEST_CASE("sip request: REGISTER without credentials, for the address of record, Expires 0") {
    auto with_user = context;
    with_user.user = "test1";
    const auto built = sip::build_register(with_user);
    REQUIRE_MESSAGE(built.ok(), built.error);
    const auto& text = built.request.text;
    INFO(text);
    // RFC 3261 §10.2: the registrar's domain in the Request-URI, the address of record in To/From.
    CHECK(text.starts_with("REGISTER sip:example.com SIP/2.0\r\n"));
    CHECK(text.find("To: <sip:test1@example.com>\r\n") != std::string::npos);
    CHECK(text.find("From: <sip:test1@example.com>;tag=") != std::string::npos);
    CHECK(text.find("Contact: <sip:test1@192.0.2.10:49256;transport=tls>\r\n") != std::string::npos);
    CHECK(text.find("Authorization") == std::string::npos);
    Reparsed reparsed(text);
    CHECK(MSG_IS_REGISTER(reparsed.message));
    CHECK(reparsed.header("expires") == "0");
    CHECK(std::string(reparsed.message->cseq->method) == "REGISTER");
    check_framing(text);
}

TEST_CASE("sip request: every request is new: branch, tag and Call-ID are random") {
    const auto first = sip::build_options(context).request;
    const auto second = sip::build_options(context).request;
    CHECK(first.branch != second.branch);
    CHECK(first.call_id != second.call_id);
    CHECK(Reparsed(first.text).from_tag() != Reparsed(second.text).from_tag());
}

TEST_CASE("sip request: IPv6 local address is bracketed in Via and Contact") {
    auto v6 = context;
    v6.local_address = "2001:db8::10";
    const auto built = sip::build_options(v6);
    REQUIRE_MESSAGE(built.ok(), built.error);
    CHECK(built.request.text.find("Via: SIP/2.0/TLS [2001:db8::10]:49256;branch=") != std::string::npos);
    CHECK(built.request.text.find("@[2001:db8::10]:49256;transport=tls>") != std::string::npos);
    Reparsed reparsed(built.request.text);
    CHECK(reparsed.message->vias.nb_elt == 1);
}

const sip::Registration jabber{.registrar = "uclabcucm-sub",
                               .edge = "uclabexpw-e01.uclab.com",
                               .routes = {"<sip:10.106.4.85:5061;transport=tls;zone-id=1;directed;lr>"},
                               .device = "MDonald",
                               .instance = "urn:uuid:96446082-3aa2-435b-9c73-671751df5635"};

TEST_CASE("sip request: REGISTER as Jabber builds it, header by header against the reference call flow") {
    // The reference (Cisco Jabber MRA call flow §12, Jabber's first REGISTER):
    //   REGISTER sip:uclabcucm-sub SIP/2.0
    //   From: <sip:5002@uclabcucm-sub>;tag=…            To: <sip:5002@uclabcucm-sub>
    //   Contact: <sip:96446082-…@10.106.4.73:49256;transport=tls>;+sip.instance=<urn:uuid:…>;
    //            +u.sip!devicename.ccm.cisco.com="MDonald";+u.sip!model.ccm.cisco.com="503";video
    //   Supported: replaces,join,sdp-anat,…,X-cisco-graceful-reg,X-cisco-duplicate-reg
    //   Route: <sip:uclabExpw-E01.uclab.com;transport=tls;lr>,<sip:10.106.4.85:5061;transport=tls;zone-id=1;
    //          directed;lr>,<sip:uclabcucm-sub;transport=tcp;lr>
    //   Expires: 3600, Date, CSeq 101 REGISTER, Max-Forwards: 70
    auto user = context;
    user.user = "5002";
    user.local_address = "10.106.4.73";
    const auto built = sip::build_jabber_register(user, jabber, 3600);
    REQUIRE_MESSAGE(built.ok(), built.error);
    const auto& text = built.request.text;
    INFO(text);
    CHECK(text.starts_with("REGISTER sip:uclabcucm-sub SIP/2.0\r\n"));
    CHECK(text.find("\r\nFrom: <sip:5002@uclabcucm-sub>;tag=") != std::string::npos);
    CHECK(text.find("\r\nTo: <sip:5002@uclabcucm-sub>\r\n") != std::string::npos);
    CHECK(text.find("\r\nContact: <sip:96446082-3aa2-435b-9c73-671751df5635@10.106.4.73:49256;transport=tls>;"
                    "+sip.instance=\"<urn:uuid:96446082-3aa2-435b-9c73-671751df5635>\";"
                    "+u.sip!devicename.ccm.cisco.com=\"MDonald\";+u.sip!model.ccm.cisco.com=\"503\"\r\n") !=
          std::string::npos);
    CHECK(text.find("\r\nSupported: replaces,join,sdp-anat,norefersub,resource-priority,extended-refer,"
                    "X-cisco-callinfo,X-cisco-serviceuri,X-cisco-escapecodes,X-cisco-service-control,"
                    "X-cisco-srtp-fallback,X-cisco-monrec,X-cisco-config,X-cisco-sis-7.0.0,X-cisco-xsi-8.5.1,"
                    "X-cisco-graceful-reg,X-cisco-duplicate-reg\r\n") != std::string::npos);
    CHECK(text.find("\r\nRoute: <sip:uclabexpw-e01.uclab.com;transport=tls;lr>\r\n"
                    "Route: <sip:10.106.4.85:5061;transport=tls;zone-id=1;directed;lr>\r\n"
                    "Route: <sip:uclabcucm-sub;transport=tcp;lr>\r\n") != std::string::npos);
    CHECK(text.find("\r\nExpires: 3600\r\n") != std::string::npos);
    CHECK(text.find("\r\nMax-Forwards: 70\r\n") != std::string::npos);
    CHECK(text.find("\r\nDate: ") != std::string::npos);
    CHECK(text.find("Authorization") == std::string::npos);
    Reparsed reparsed(text);
    CHECK(MSG_IS_REGISTER(reparsed.message));
    CHECK(osip_list_size(&reparsed.message->routes) == 3);
    CHECK(reparsed.header("expires") == "3600");
    check_framing(text);

    SUBCASE("the answer to the challenge, then the unregistration: same Call-ID, tag and Contact, next CSeq") {
        const sip::Continuation after{built.request.call_id, built.request.from_tag, built.request.cseq};
        const auto answer = sip::build_jabber_register(
            user, jabber, 3600, after, sip::Credentials{.proxy = true, .header_value = "Digest username=\"5002\""});
        REQUIRE_MESSAGE(answer.ok(), answer.error);
        CHECK(answer.request.call_id == built.request.call_id);
        CHECK(answer.request.from_tag == built.request.from_tag);
        CHECK(answer.request.cseq == built.request.cseq + 1);
        CHECK(answer.request.branch != built.request.branch);
        CHECK(answer.request.text.find("\r\nProxy-Authorization: Digest username=\"5002\"\r\n") != std::string::npos);
        Reparsed reparsed_answer(answer.request.text);  // oSIP keeps it in its own list, well-formed
        CHECK(osip_list_size(&reparsed_answer.message->proxy_authorizations) == 1);
        const auto unregister = sip::build_jabber_register(
            user, jabber, 0, sip::Continuation{answer.request.call_id, answer.request.from_tag, answer.request.cseq});
        REQUIRE(unregister.ok());
        CHECK(unregister.request.cseq == built.request.cseq + 2);
        CHECK(Reparsed(unregister.request.text).header("expires") == "0");
        CHECK(unregister.request.text.find("Contact: <sip:96446082-3aa2-435b-9c73-671751df5635@10.106.4.73:49256;") !=
              std::string::npos);
    }
    SUBCASE("a fresh instance is a version 4 UUID URN") {
        const auto instance = sip::random_instance();
        CHECK(instance.size() == 45);
        CHECK(instance.starts_with("urn:uuid:"));
        CHECK(instance[23] == '4');
        CHECK(sip::random_instance() != instance);
        auto fresh = jabber;
        fresh.instance = instance;
        CHECK(sip::build_jabber_register(user, fresh, 3600).ok());
    }
}

TEST_CASE("sip request: values that could break out of their header are refused") {
    SUBCASE("a domain with CRLF") {
        auto bad = context;
        bad.domain = "example.com\r\nX-Injected: 1";
        const auto built = sip::build_options(bad);
        CHECK_FALSE(built.ok());
        CHECK(built.error.find("is not a host name or IP literal") != std::string::npos);
        CHECK(built.error ==
              "cannot build the SIP OPTIONS request: \"example.com??X-Injected: 1\" is not a host name or IP literal");
    }
    SUBCASE("a user with a space") {
        auto bad = context;
        bad.user = "test 1";
        CHECK(sip::build_register(bad).error.find("is not usable as a SIP user part") != std::string::npos);
    }
    SUBCASE("a local address that is not an IP literal") {
        auto bad = context;
        bad.local_address = "localhost";
        CHECK(sip::build_options(bad).error.find("is not an IP literal") != std::string::npos);
    }
    SUBCASE("a device name, route or instance that could break the Contact or Route") {
        auto user = context;
        user.user = "test1";
        auto bad = jabber;
        bad.device = "CSF\"; x=\"1";
        CHECK(sip::build_jabber_register(user, bad, 3600).error.find("is not a device name") != std::string::npos);
        bad = jabber;
        bad.routes = {"<sip:a;lr>,<sip:evil;lr>"};
        CHECK(sip::build_jabber_register(user, bad, 3600).error.find("is not one <sip:…> URI") != std::string::npos);
        bad.routes = {"<sip:a;lr>\r\nX-Injected: 1"};
        CHECK_FALSE(sip::build_jabber_register(user, bad, 3600).ok());
        bad = jabber;
        bad.instance = "urn:uuid:not-a-uuid";
        CHECK(sip::build_jabber_register(user, bad, 3600).error.find("urn:uuid:") != std::string::npos);
    }
    SUBCASE("an IPv6 literal as domain is accepted in brackets") {
        auto v6 = context;
        v6.domain = "[2001:db8::1]";
        const auto built = sip::build_options(v6);
        REQUIRE_MESSAGE(built.ok(), built.error);
        CHECK(built.request.text.starts_with("OPTIONS sip:[2001:db8::1] SIP/2.0\r\n"));
    }
}

TEST_CASE("sip response: a Kamailio-style 407 yields status, challenge, server and transaction ids") {
    const auto request = sip::build_register(context).request;
    const std::string wire =
        response_to(request.text, 407, "Proxy Authentication Required",
                    "Proxy-Authenticate: Digest realm=\"expe1.example.com\", nonce=\"abc\", qop=\"auth\"\r\n"
                    "Warning: 399 expe1.example.com \"Load imbalance\"\r\n");
    const auto parsed = sip::parse_message(wire);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error);
    const auto& message = parsed.message;
    CHECK_FALSE(message.is_request);
    CHECK(message.status == 407);
    CHECK(message.reason == "Proxy Authentication Required");
    CHECK(message.challenge_scheme == "Digest");
    CHECK(message.challenge_realm == "expe1.example.com");
    CHECK(message.server == "TANDBERG/4352 (X14.0.2)");
    CHECK(message.warning == "399 expe1.example.com \"Load imbalance\"");
    CHECK(message.call_id == request.call_id);
    CHECK(message.cseq == 1);
    CHECK(message.cseq_method == "REGISTER");
    CHECK(message.via_count == 1);
    CHECK(message.top_via_branch == request.branch);
    CHECK(sip::match(request, message) == sip::Match::final_response);
}

TEST_CASE("sip response: WWW-Authenticate (401) is read when there is no Proxy-Authenticate") {
    const auto request = sip::build_register(context).request;
    const auto parsed = sip::parse_message(response_to(
        request.text, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"cucm.example.com\", nonce=\"n\"\r\n"));
    REQUIRE(parsed.ok());
    CHECK(parsed.message.challenge_scheme == "Digest");
    CHECK(parsed.message.challenge_realm == "cucm.example.com");
}

TEST_CASE("sip response: compact headers, folded lines, several Via") {
    SUBCASE("compact forms v: i: l: f: t:") {
        const auto parsed = sip::parse_message(
            "SIP/2.0 200 OK\r\n"
            "v: SIP/2.0/TLS 192.0.2.10:49256;branch=z9hG4bKcompact;rport=49256\r\n"
            "f: <sip:example.com>;tag=1\r\n"
            "t: <sip:example.com>;tag=2\r\n"
            "i: 1234@192.0.2.10\r\n"
            "CSeq: 1 OPTIONS\r\n"
            "l: 5\r\n"
            "\r\n"
            "hello");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error);
        CHECK(parsed.message.top_via_branch == "z9hG4bKcompact");
        CHECK(parsed.message.call_id == "1234@192.0.2.10");
        CHECK(parsed.message.body == "hello");
    }
    SUBCASE("a folded Via and a folded Server (RFC 3261 §7.3.1 LWS)") {
        const auto parsed = sip::parse_message(
            "SIP/2.0 200 OK\r\n"
            "Via: SIP/2.0/TLS 192.0.2.10:49256\r\n"
            "   ;branch=z9hG4bKfolded\r\n"
            "Server: TANDBERG/4352\r\n"
            "\t(X14.0.2)\r\n"
            "Call-ID: 1@h\r\n"
            "CSeq: 1 OPTIONS\r\n"
            "Content-Length: 0\r\n"
            "\r\n");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error);
        CHECK(parsed.message.top_via_branch == "z9hG4bKfolded");
        CHECK(parsed.message.server.starts_with("TANDBERG/4352"));
        CHECK(parsed.message.server.ends_with("(X14.0.2)"));
    }
    SUBCASE("three Via in two lines, the top one first (a response through a proxy)") {
        const auto parsed = sip::parse_message(
            "SIP/2.0 200 OK\r\n"
            "Via: SIP/2.0/TLS 192.0.2.10:49256;branch=z9hG4bKtop;received=198.51.100.7\r\n"
            "Via: SIP/2.0/TLS 10.0.0.1:7001;branch=z9hG4bKsecond, SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKthird\r\n"
            "Call-ID: 1@h\r\n"
            "CSeq: 1 OPTIONS\r\n"
            "Content-Length: 0\r\n"
            "\r\n");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error);
        CHECK(parsed.message.via_count == 3);
        CHECK(parsed.message.top_via_branch == "z9hG4bKtop");
    }
    SUBCASE("bare LF line ends") {
        const auto parsed = sip::parse_message(
            "SIP/2.0 200 OK\nVia: SIP/2.0/TLS 192.0.2.10:1;branch=z9hG4bKlf\nCall-ID: 1@h\nCSeq: 1 OPTIONS\n"
            "Content-Length: 0\n\n");
        REQUIRE_MESSAGE(parsed.ok(), parsed.error);
        CHECK(parsed.message.status == 200);
        CHECK(parsed.message.top_via_branch == "z9hG4bKlf");
    }
}

TEST_CASE("sip response: Expressway's multipart 200 to a SERVICE (call flow §12) parses") {
    const std::string body =
        "--boundary-2902199a\r\n"
        "Content-Type: application/text\r\n\r\n"
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><methodResponse><status>ok</status></methodResponse>\r\n"
        "--boundary-2902199a--\r\n";
    const std::string wire =
        "SIP/2.0 200 OK\r\n"
        "Via: SIP/2.0/TLS 10.106.4.81:7002;egress-zone=TZone;branch=z9hG4bK12f9;rport=7002\r\n"
        "Call-ID: 3f90bf8e640d6c6b@127.0.0.1\r\n"
        "CSeq: 29793 SERVICE\r\n"
        "From: <sip:serviceproxy@uclabcucm-sub>;tag=8f9dc2af76d47910\r\n"
        "To: <sip:serviceserver@uclabcucm-sub>;tag=4ecd7604ccb35f00\r\n"
        "Server: TANDBERG/4130 (X8.2.1)\r\n"
        "Date: Mon, 01 Sep 2014 20:59:30 GMT\r\n"
        "Identity: \"qmDn6MXLUx8UlixJFhA7iv9etFCW8RIBwcL0rLGH3WSW\"\r\n"
        "Content-Type: multipart/mixed;boundary=boundary-2902199a\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    const auto parsed = sip::parse_message(wire);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error);
    CHECK(parsed.message.status == 200);
    CHECK(parsed.message.cseq == 29793);
    CHECK(parsed.message.cseq_method == "SERVICE");
    CHECK(parsed.message.server == "TANDBERG/4130 (X8.2.1)");
    CHECK(parsed.message.content_type.starts_with("multipart/mixed"));
    CHECK(parsed.message.body == body);

    SUBCASE("a multipart body oSIP cannot split still gives the status and headers") {
        const std::string broken = "no boundary in here at all";
        std::string wire2 = wire.substr(0, wire.find("Content-Length:")) +
                            "Content-Length: " + std::to_string(broken.size()) + "\r\n\r\n" + broken;
        const auto fallback = sip::parse_message(wire2);
        REQUIRE_MESSAGE(fallback.ok(), fallback.error);
        CHECK(fallback.message.status == 200);
        CHECK(fallback.message.content_type == "multipart/mixed;boundary=boundary-2902199a");
        CHECK(fallback.message.body == broken);
    }
}

TEST_CASE("sip response: what is not a SIP message is an error, not a crash") {
    CHECK_FALSE(sip::parse_message("").ok());
    CHECK_FALSE(sip::parse_message("SIP/2.0 200 OK\r\n").ok());
    CHECK_FALSE(sip::parse_message(std::string("\x00\x01\x02\xff\r\n\r\n", 8)).ok());
    CHECK_FALSE(sip::parse_message("SIP/2.0 999 Nine\r\nCall-ID: 1@h\r\nCSeq: 1 OPTIONS\r\n\r\n").ok());
    const auto bad_via = sip::parse_message("SIP/2.0 200 OK\r\nVia: garbage\r\nContent-Length: 0\r\n\r\n");
    CHECK_FALSE(bad_via.ok());
    CHECK(bad_via.error.find("malformed SIP message") == 0);
}

TEST_CASE("sip match: final, provisional, and strays that must be skipped") {
    const auto request = sip::build_options(context).request;
    const auto final_response = sip::parse_message(response_to(request.text, 200, "OK")).message;
    const auto trying = sip::parse_message(response_to(request.text, 100, "Trying")).message;
    CHECK(sip::match(request, final_response) == sip::Match::final_response);
    CHECK(sip::match(request, trying) == sip::Match::provisional);

    const auto other = sip::build_options(context).request;  // another transaction: its branch
    CHECK(sip::match(request, sip::parse_message(response_to(other.text, 200, "OK")).message) == sip::Match::unrelated);

    auto wrong_method = final_response;
    wrong_method.cseq_method = "REGISTER";
    CHECK(sip::match(request, wrong_method) == sip::Match::unrelated);
    auto wrong_call = final_response;
    wrong_call.call_id = "other@host";
    CHECK(sip::match(request, wrong_call) == sip::Match::unrelated);

    const auto server_request = sip::parse_message(request.text);  // a request from the server
    REQUIRE(server_request.ok());
    CHECK(server_request.message.is_request);
    CHECK(server_request.message.method == "OPTIONS");
    CHECK(sip::match(request, server_request.message) == sip::Match::unrelated);
}

TEST_CASE("sip response: mutated real responses never crash the reader or the parser, errors stay one line") {
    // Deterministic: the same mutations every run (an ASan build ran 300000 of them clean).
    const auto request = sip::build_register(context).request;
    const std::vector<std::string> seeds = {
        response_to(request.text, 407, "Proxy Authentication Required",
                    "Proxy-Authenticate: Digest realm=\"expe1.example.com\", nonce=\"n\", qop=\"auth\"\r\n"),
        "SIP/2.0 200 OK\r\nv: SIP/2.0/TLS 10.0.0.1:7002;branch=z9hG4bK1, SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK2\r\n"
        "i: 3f90@127.0.0.1\r\nCSeq: 29793 SERVICE\r\nc: multipart/mixed;boundary=bb\r\nl: 46\r\n\r\n"
        "--bb\r\nContent-Type: application/text\r\n\r\n<x/>\r\n--bb--\r\n",
        "SIP/2.0 401 Unauthorized\nVia: SIP/2.0/TLS h:1\n ;branch=z9hG4bKx\nWWW-Authenticate: Digest realm=\"r\\\"q\"\n"
        "Call-ID: x\nCSeq: 1 OPTIONS\nWarning: 399 h \"t\"\nContent-Length: 3\n\nabc",
    };
    static constexpr char bytes[] = "\r\n\t \"'<>;,:=@/\\-09azAZ%\x00\x7f\x80\xff";
    const std::string alphabet(bytes, sizeof bytes - 1);  // the NUL inside included
    std::uint32_t state = 2027;
    const auto random = [&state](std::size_t below) {
        state = state * 1664525u + 1013904223u;
        return below == 0 ? 0 : (state >> 8) % below;
    };
    std::size_t parsed = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string wire = seeds[random(seeds.size())];
        for (auto mutations = 1 + random(8); mutations > 0; --mutations) {
            const auto pos = random(wire.size());
            switch (random(3)) {
                case 0:
                    wire[pos] = alphabet[random(alphabet.size())];
                    break;
                case 1:
                    wire.insert(pos, 1, alphabet[random(alphabet.size())]);
                    break;
                default:
                    wire.erase(pos, 1 + random(4));
            }
        }
        sip::MessageReader reader;
        for (std::size_t at = 0; at < wire.size();) {
            const auto chunk = 1 + random(64);
            reader.feed(std::string_view(wire).substr(at, chunk));
            at += chunk;
            for (auto frame = reader.next(); frame.status != sip::FrameStatus::need_more; frame = reader.next()) {
                if (frame.status != sip::FrameStatus::complete) {
                    REQUIRE(frame.error.find('\n') == std::string::npos);
                    break;
                }
                const auto result = sip::parse_message(frame.message);
                REQUIRE(result.error.find('\n') == std::string::npos);
                parsed += result.ok() ? 1 : 0;
            }
            if (reader.next().status != sip::FrameStatus::need_more) break;
        }
    }
    CHECK(parsed > 0);  // the mutations left many messages intact: the parser was exercised
}
